namespace AmpsDevice.Protocol.CommandLine;

/// <summary>
/// The exit codes the command-line convention gives by itself, the same in every program: each program's own table
/// (its verbs' outcomes) starts from these two.
/// </summary>
public static class CliExitCodes
{
    /// <summary><c>--help</c>, <c>--version</c>, <c>help</c>: done as asked.</summary>
    public const int Done = 0;

    /// <summary>A usage error: an unknown verb or option, a missing or malformed value; nothing was started.</summary>
    public const int UsageError = 2;
}
