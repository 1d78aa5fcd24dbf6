namespace AmpsDevice.Fuzz;

/// <summary>
/// A reader answered an input in a way its contract does not allow (an error naming a .NET type, an empty
/// error, a result that is neither valid nor refused). Thrown so that AFL++ records the input as a crash.
/// </summary>
public sealed class FuzzFindingException : Exception
{
    public FuzzFindingException() { }

    public FuzzFindingException(string message) : base(message) { }

    public FuzzFindingException(string message, Exception innerException) : base(message, innerException) { }
}
