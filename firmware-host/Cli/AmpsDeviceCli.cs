using System.CommandLine;
using System.CommandLine.Invocation;
using AmpsDevice.FirmwareHost.Telemetry;

namespace AmpsDevice.FirmwareHost.Cli;

/// <summary>The command line of <c>ampsdevice</c>: its verbs, options and exit codes (docs/cli.md).</summary>
public static class AmpsDeviceCli
{
    public const string Description =
        "The AmpsDevice controller: graded warmth, cold, vibration and pressure for therapy. " +
        "Without a verb it runs the device service (as 'run').";

    public static Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr) =>
        CliInvocation.InvokeAsync(Root(), args, stdout, stderr);

    /// <summary>Every verb; <c>run</c> is also the default with no verb, so its options are the root's too.</summary>
    public static RootCommand Root()
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

    /// <summary>The root without verbs: the help layout of <see cref="CliHelp"/>, and <c>--version</c> printing the device's version.</summary>
    public static RootCommand NewRoot()
    {
        var root = new RootCommand(Description);
        CliHelp.Apply(root);
        foreach (var version in root.Options.OfType<VersionOption>())
        {
            version.Action = new PrintVersion();
        }

        return root;
    }

    /// <summary>The version <c>status</c> publishes (this assembly's), not the entry assembly's as System.CommandLine would print.</summary>
    private sealed class PrintVersion : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(DeviceIdentity.SoftwareVersion);
            return ExitCodes.Done;
        }
    }
}
