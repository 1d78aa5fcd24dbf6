namespace AmpsDevice.Protocol.CommandLine;

/// <summary>
/// Words a program's root lets through to the program instead of refusing them, such as the dashboard's
/// configuration keys for its host. The parser leaves every word it does not know unmatched; this says which of
/// them the program takes, so <see cref="ParseErrors"/> names only the others.
/// </summary>
public interface IPassThroughWords
{
    /// <summary>The words of <paramref name="tokens"/> the program does not take: each is an error as any unknown word is.</summary>
    IReadOnlyList<string> Rejected(IReadOnlyList<string> tokens);

    /// <summary>Whether <paramref name="token"/>, one the program did not take, is one it takes with a value but came without one.</summary>
    bool NeedsValue(string token);
}
