namespace AmpsDevice.FirmwareHost.Cli;

/// <summary>The verbs of <c>ampsdevice</c> (CONTRACTS.md §1) and their exit codes.</summary>
public static class AmpsDeviceCli
{
    public const string Usage = """
        usage: ampsdevice <verb> [options]
          run [--simulate] [--mqtt mqtt://[user:pass@]host:port] [--device-id ID] [--data DIR] [--allow-remote-start]
                                   the device service (default verb)
          validate <profile.json>  check a stimulus profile against the device's safety envelope
          simulate --profile P.json [--scenario S.json] [--report R.json] [--samples S.csv] [--seed N] [--realtime] [--data DIR]
                                   run one session on simulated hardware in virtual time (recorded in DIR with --data)
          sessions [--data DIR] [--patient ID]
                                   list the recorded sessions
          export <sessionId> [--data DIR] [--csv F.csv] [--json F.json] [--chart F.png|F.svg]
                                   write one session's record as CSV, JSON and a chart
          plan validate|import|show|simulate ...
                                   patient plans and progression (ampsdevice plan help)
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var verb = args.Length == 0 || args[0].StartsWith("--", StringComparison.Ordinal) ? "run" : args[0];
        var rest = args.Length == 0 ? [] : verb == "run" && args[0] != "run" ? args : args[1..];
        try
        {
            return verb switch
            {
                "run" => await RunVerb.RunAsync(rest, stdout, stderr).ConfigureAwait(false),
                "validate" => ValidateVerb.Run(rest, stdout, stderr),
                "simulate" => SimulateVerb.Run(rest, stdout, stderr),
                "sessions" => SessionsVerb.Run(rest, stdout, stderr),
                "export" => ExportVerb.Run(rest, stdout, stderr),
                "plan" => PlanVerb.Run(rest, stdout, stderr),
                "help" or "-h" => Help(stdout),
                _ => UsageError(stderr, $"unknown verb '{verb}'"),
            };
        }
        catch (CliUsageException ex)
        {
            return UsageError(stderr, ex.Message);
        }
    }

    private static int Help(TextWriter stdout)
    {
        stdout.WriteLine(Usage);
        return ExitCodes.Done;
    }

    internal static int UsageError(TextWriter stderr, string message)
    {
        stderr.WriteLine($"ampsdevice: {message}");
        stderr.WriteLine(Usage);
        return ExitCodes.BadInput;
    }
}
