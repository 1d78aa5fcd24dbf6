using System.CommandLine;
using AmpsDevice.FirmwareHost.Telemetry;
using AmpsDevice.Protocol.CommandLine;

namespace AmpsDevice.FirmwareHost.Cli;

/// <summary>The command line of <c>ampsdevice</c>: its verbs, options and exit codes (docs/cli.md).</summary>
public static class AmpsDeviceCli
{
    public const string ProgramName = "ampsdevice";

    public const string Description =
        "The AmpsDevice controller: graded warmth, cold, vibration and pressure for therapy. " +
        "Without a verb it runs the device service (as 'run').";

    public static Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr) =>
        CliInvocation.InvokeAsync(Root(), args, stdout, stderr);

    /// <summary>Every verb; <c>run</c> is also the default with no verb, so its options are the root's too.</summary>
    public static ProgramRoot Root()
    {
        var root = NewRoot();
        RunVerb.AddTo(root);
        root.Add(RunVerb.Command());
        root.Add(ValidateVerb.Command());
        root.Add(SimulateVerb.Command());
        root.Add(SessionsVerb.Command());
        root.Add(ExportVerb.Command());
        root.Add(PlanVerb.Command());
        root.Add(OutputsOffVerb.Command());
        root.Add(HelpVerb.Command());
        return root;
    }

    /// <summary>One verb alone, as if its arguments followed <c>ampsdevice &lt;verb&gt;</c>.</summary>
    public static int InvokeVerb(Command verb, IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(verb);
        ArgumentNullException.ThrowIfNull(args);
        var root = NewRoot();
        root.Add(verb);
        return CliInvocation.InvokeAsync(root, [verb.Name, .. args], stdout, stderr).GetAwaiter().GetResult();
    }

    /// <summary>
    /// The root without verbs: <c>--version</c> prints the version <c>status</c> publishes (this assembly's, not the
    /// entry assembly's as System.CommandLine would print), and a bug is exit 1 with the exception on stderr.
    /// </summary>
    private static ProgramRoot NewRoot() =>
        new(ProgramName, Description, DeviceIdentity.SoftwareVersion) { InternalErrorExitCode = ExitCodes.InternalError };
}
