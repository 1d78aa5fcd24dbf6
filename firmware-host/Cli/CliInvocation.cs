using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;

namespace AmpsDevice.FirmwareHost.Cli;

/// <summary>
/// Parses a command line against the verbs and runs the verb it names. Bad input (an unknown verb or option, a
/// missing or malformed value) is exit 2 before anything starts, with the problem and that verb's usage on stderr;
/// an exception out of a verb is a bug: exit 1 with the exception on stderr.
/// </summary>
public static class CliInvocation
{
    public static async Task<int> InvokeAsync(RootCommand root, IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(stderr);
        var result = root.Parse(args);
        if (result.Action is ParseErrorAction)
        {
            return UsageError(result.CommandResult.Command, ParseErrors.Describe(result), stderr);
        }

        try
        {
            return await result.InvokeAsync(Configuration(stdout, stderr)).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            await stderr.WriteLineAsync($"ampsdevice: internal error: {ex}").ConfigureAwait(false);
            return ExitCodes.InternalError;
        }
    }

    /// <summary>One verb alone, as if its arguments followed <c>ampsdevice &lt;verb&gt;</c>.</summary>
    public static int InvokeVerb(Command verb, IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(verb);
        ArgumentNullException.ThrowIfNull(args);
        var root = AmpsDeviceCli.NewRoot();
        root.Add(verb);
        return InvokeAsync(root, [verb.Name, .. args], stdout, stderr).GetAwaiter().GetResult();
    }

    /// <summary>Exit 2: each problem on its own line, prefixed by the verb, then the verb's usage.</summary>
    public static int UsageError(Command command, IEnumerable<string> problems, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentNullException.ThrowIfNull(stderr);
        var prefix = command is RootCommand ? "ampsdevice" : string.Join(' ', CliHelp.Path(command).Skip(1));
        foreach (var problem in problems)
        {
            stderr.WriteLine($"{prefix}: {problem}");
        }

        CliHelp.Write(command, stderr);
        return ExitCodes.BadInput;
    }

    private static InvocationConfiguration Configuration(TextWriter stdout, TextWriter stderr) => new()
    {
        Output = stdout,
        Error = stderr,
        EnableDefaultExceptionHandler = false,

        // SIGTERM and Ctrl+C belong to the host (systemd's stop ends a session cleanly), not to the parser.
        ProcessTerminationTimeout = null,
    };
}
