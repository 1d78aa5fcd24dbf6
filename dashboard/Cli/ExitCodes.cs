using AmpsDevice.Protocol.CommandLine;

namespace AmpsDevice.Dashboard.Cli;

/// <summary>Exit codes of every verb (docs/dashboard.md#the-command-line).</summary>
public static class ExitCodes
{
    /// <summary>Done as asked; also <c>--help</c> and <c>--version</c>.</summary>
    public const int Done = CliExitCodes.Done;

    /// <summary>Refused, the message says why: an existing user, an unknown role, a short or missing password, no such user.</summary>
    public const int Refused = 1;

    /// <summary>Usage error: an unknown verb or option, a missing or malformed value; nothing was done.</summary>
    public const int UsageError = CliExitCodes.UsageError;
}
