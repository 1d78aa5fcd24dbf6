namespace AmpsDevice.Protocol.Profiles;

/// <summary>
/// The outcome of reading a document (a profile, a plan, a scenario): either its <see cref="Value"/> and no errors, or no value
/// and every error found (in document order, then the checks across the whole document).
/// </summary>
/// <typeparam name="T">What the document describes (<see cref="StimulusProfile"/>, <c>TherapyPlan</c>).</typeparam>
public sealed class ValidationResult<T>
    where T : class
{
    internal ValidationResult(T? value, IReadOnlyList<ProfileError> errors)
    {
        Value = errors.Count == 0 ? value : null;
        Errors = errors;
    }

    /// <summary>What the document describes, when it is valid; otherwise null.</summary>
    public T? Value { get; }

    /// <summary>Every error found; empty when the document is valid.</summary>
    public IReadOnlyList<ProfileError> Errors { get; }

    /// <summary>True when the document is valid.</summary>
    public bool IsValid => Value is not null;

    internal static ValidationResult<T> Failed(string path, string message) => new(null, [new ProfileError(path, message)]);
}
