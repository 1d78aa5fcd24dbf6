using System.CommandLine;
using System.CommandLine.Invocation;

namespace AmpsDevice.Dashboard.Cli;

/// <summary>
/// Parses a command line against the verbs and runs the verb it names (or the server, without one). Bad input (an
/// unknown verb or option, a missing or malformed value) is exit 2 before anything starts, with the problem and that
/// verb's usage on stderr.
/// </summary>
public static class CliInvocation
{
    public static async Task<int> InvokeAsync(RootCommand root, IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(stderr);
        var result = root.Parse(args);

        // The root lets the words it does not know through, for the server's configuration keys (and System.CommandLine
        // then lets them through under every verb): a verb or the server runs only when each of them is one it takes.
        var runsVerb = ReferenceEquals(result.Action, result.CommandResult.Command.Action);
        if (result.Action is ParseErrorAction || (runsVerb && ParseErrors.Describe(result).Count > 0))
        {
            return UsageError(result.CommandResult.Command, ParseErrors.Describe(result), stderr);
        }

        return await result.InvokeAsync(new InvocationConfiguration
        {
            Output = stdout,
            Error = stderr,

            // An exception is not a usage error: it leaves the process as it always has, with its stack trace.
            EnableDefaultExceptionHandler = false,

            // SIGTERM and Ctrl+C belong to the server's host (systemd's stop ends it cleanly), not to the parser.
            ProcessTerminationTimeout = null,
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// Exit 2: each problem on its own line, prefixed by the verb (unless the problem names the verb itself, as
    /// "history prune needs --older-than AGE" does), then the verb's help.
    /// </summary>
    public static int UsageError(Command command, IEnumerable<string> problems, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentNullException.ThrowIfNull(stderr);
        var prefix = command is RootCommand ? CliHelp.ExecutableName : string.Join(' ', CliHelp.Path(command).Skip(1));
        foreach (var problem in problems)
        {
            stderr.WriteLine(problem.StartsWith(prefix + " ", StringComparison.Ordinal) ? problem : $"{prefix}: {problem}");
        }

        CliHelp.Write(command, stderr);
        return ExitCodes.UsageError;
    }
}
