using AmpsDevice.Protocol.CommandLine;

namespace AmpsDevice.Dashboard.Cli;

/// <summary>
/// The configuration keys the server takes on its command line as ASP.NET Core does, and passes to its host untouched:
/// a key with a section, <c>--Section:Key=value</c> or <c>--Section:Key value</c> (<c>--Dashboard:StaleAfter=00:00:10</c>,
/// <c>--Logging:LogLevel:Default=Debug</c>). Any other word the verbs do not know is an error, so a mistyped option is
/// named instead of being ignored. The root of the command line lets them through (<see cref="ProgramRoot.PassThrough"/>).
/// </summary>
public sealed class ConfigurationKeys : IPassThroughWords
{
    /// <summary><paramref name="tokens"/> split into the configuration keys with their values, and the rest.</summary>
    public static (IReadOnlyList<string> Keys, IReadOnlyList<string> Rejected) Split(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var keys = new List<string>();
        var rejected = new List<string>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (!IsKey(token))
            {
                rejected.Add(token);
            }
            else if (token.Contains('=', StringComparison.Ordinal))
            {
                keys.Add(token);
            }
            else if (i + 1 < tokens.Count && !tokens[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                keys.Add(token);
                keys.Add(tokens[++i]);
            }
            else
            {
                rejected.Add(token);
            }
        }

        return (keys, rejected);
    }

    /// <summary><c>--Section:Key</c>, with or without <c>=value</c>.</summary>
    public static bool IsKey(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (!token.StartsWith("--", StringComparison.Ordinal))
        {
            return false;
        }

        var eq = token.IndexOf('=', StringComparison.Ordinal);
        var key = eq < 0 ? token[2..] : token[2..eq];
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && colon < key.Length - 1;
    }

    IReadOnlyList<string> IPassThroughWords.Rejected(IReadOnlyList<string> tokens) => Split(tokens).Rejected;

    /// <summary>A key is let through with its value; one refused is a key without it (<c>--Section:Key</c> last).</summary>
    bool IPassThroughWords.NeedsValue(string token) => IsKey(token);
}
