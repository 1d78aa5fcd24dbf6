using System.CommandLine;
using System.CommandLine.Invocation;

namespace AmpsDevice.Protocol.CommandLine;

/// <summary>
/// Parses a command line against a program's verbs and runs the verb it names (or the root's own action, without
/// one). Bad input (an unknown verb or option, a missing or malformed value) is exit 2 before anything starts, with
/// the problem and that verb's usage on stderr. An exception out of a verb is a bug: what it does is the program's
/// (<see cref="ProgramRoot.InternalErrorExitCode"/>).
/// </summary>
public static class CliInvocation
{
    public static async Task<int> InvokeAsync(ProgramRoot root, IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(stderr);
        var result = root.Parse(args);

        // A root that lets words through (ProgramRoot.PassThrough) has System.CommandLine let them through under every
        // verb too: a verb or the root's action runs only when each of them is one it takes.
        var runsVerb = ReferenceEquals(result.Action, result.CommandResult.Command.Action);
        if (result.Action is ParseErrorAction || (runsVerb && ParseErrors.Describe(result).Count > 0))
        {
            return UsageError(result.CommandResult.Command, ParseErrors.Describe(result), stderr);
        }

        var configuration = new InvocationConfiguration
        {
            Output = stdout,
            Error = stderr,

            // An exception is not a usage error (System.CommandLine's handler would print it as one).
            EnableDefaultExceptionHandler = false,

            // SIGTERM and Ctrl+C belong to the program's host (systemd's stop ends it cleanly), not to the parser.
            ProcessTerminationTimeout = null,
        };
        if (root.InternalErrorExitCode is not { } internalError)
        {
            return await result.InvokeAsync(configuration).ConfigureAwait(false);
        }

        try
        {
            return await result.InvokeAsync(configuration).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            await stderr.WriteLineAsync($"{root.ProgramName}: internal error: {ex}").ConfigureAwait(false);
            return internalError;
        }
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
        var prefix = command is RootCommand ? CliHelp.Path(command)[0] : CliHelp.VerbPath(command);
        foreach (var problem in problems)
        {
            stderr.WriteLine(problem.StartsWith(prefix + " ", StringComparison.Ordinal) ? problem : $"{prefix}: {problem}");
        }

        CliHelp.Write(command, stderr);
        return CliExitCodes.UsageError;
    }
}
