using System.CommandLine;
using System.Text.Json;
using AmpsDevice.FirmwareHost.Hardware;
using AmpsDevice.FirmwareHost.Sessions.Records;
using AmpsDevice.FirmwareHost.Simulation;
using AmpsDevice.Protocol.CommandLine;
using AmpsDevice.Protocol.Profiles;
using AmpsDevice.Simulator.Faults;
using Microsoft.Extensions.Configuration;

namespace AmpsDevice.FirmwareHost.Cli;

/// <summary>
/// <c>ampsdevice simulate --profile P.json [--scenario S.json] [--report R.json] [--samples S.csv] [--seed N] [--realtime] [--data DIR]</c>:
/// one whole session on simulated hardware (recorded in DIR/records.db when <c>--data</c> is given, as <c>run</c> records it);
/// exit 0 completed, 2 bad input (nothing started), 3 safety stop (outputs safe), 4 stopped by a person (docs/cli.md).
/// </summary>
public static class SimulateVerb
{
    public const string Description =
        "Runs one whole session on simulated hardware in virtual time and writes a report. " +
        "Exit 0 completed, 2 bad input (nothing started), 3 safety stop (outputs safe), 4 stopped by a person.";

    public static Command Command()
    {
        var command = new Command("simulate", Description);
        var profile = CliOptions.Require(command, CliOptions.Value("--profile", "P.json", "The stimulus profile to run (required)"), "needs --profile <profile.json>");
        var scenario = CliOptions.Value("--scenario", "S.json", "What happens to the hardware and the patient, and when: faults, pain ratings, withdrawals, therapist commands");
        var report = CliOptions.Value("--report", "R.json", "Write the session's report (JSON) here");
        var samples = CliOptions.Value("--samples", "S.csv", "Write one CSV row per control tick here");
        var seed = CliOptions.WholeNumber("--seed", "The simulator's seed (default 1); the same seed gives the same report byte for byte", problem: "not an integer");
        var realtime = CliOptions.Flag("--realtime", "Pace the session to the wall clock instead of virtual time");
        var data = CliOptions.Value("--data", "DIR", "Record the session in DIR/records.db, as run records it");
        command.Add(scenario);
        command.Add(report);
        command.Add(samples);
        command.Add(seed);
        command.Add(realtime);
        command.Add(data);
        command.SetAction(result => Simulate(
            new SimulateRequest(
                result.GetRequiredValue(profile),
                result.GetValue(scenario),
                result.GetValue(report),
                result.GetValue(samples),
                result.GetValue(seed) ?? 1,
                result.GetValue(realtime),
                result.GetValue(data)),
            result.InvocationConfiguration.Output,
            result.InvocationConfiguration.Error));
        return command;
    }

    /// <param name="args">The arguments after the verb.</param>
    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr) =>
        AmpsDeviceCli.InvokeVerb(Command(), args, stdout, stderr);

    private sealed record SimulateRequest(string Profile, string? Scenario, string? Report, string? Samples, int Seed, bool Realtime, string? Data);

    private static int Simulate(SimulateRequest request, TextWriter stdout, TextWriter stderr)
    {
        var hardware = LoadHardwareOptions();
        using var run = new SimulationRun(hardware, request.Seed);
        var result = ProfileParser.ParseFile(request.Profile, run.Envelope);
        if (!result.IsValid)
        {
            foreach (var error in result.Errors)
            {
                stderr.WriteLine(error.ToString());
            }

            return ExitCodes.BadInput;
        }

        Scenario? scenario = null;
        if (request.Scenario is { } scenarioPath)
        {
            try
            {
                scenario = Scenario.Load(scenarioPath, run.Device.Layout);
            }
            catch (ScenarioException ex)
            {
                stderr.WriteLine(ex.Message);
                return ExitCodes.BadInput;
            }
        }

        var reportPath = request.Report;
        var samplesPath = request.Samples;
        if (!CanWrite(reportPath, stderr) || !CanWrite(samplesPath, stderr))
        {
            return ExitCodes.BadInput;
        }

        SimulationRecording? recording = null;
        if (request.Data is { } dataDirectory)
        {
            try
            {
                recording = new SimulationRecording(run, dataDirectory);
            }
            catch (Exception ex) when (ex is RecordStoreException or IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"--data: {ex.Message}");
                return ExitCodes.BadInput;
            }
        }

        SimulationReport report;
        using (recording)
        using (var samples = samplesPath is null ? null : new SampleCsvWriter(new StreamWriter(samplesPath, append: false, new System.Text.UTF8Encoding(false), 1 << 16), run.Truth, () => run.SessionStartedAtS))
        {
            if (samples is not null)
            {
                run.Loop.AddObserver(samples);
            }

            report = run.Run(result.Value!, scenario, request.Realtime);
        }

        if (reportPath is not null)
        {
            File.WriteAllText(reportPath, JsonSerializer.Serialize(report, SimulationReportJsonContext.Default.SimulationReport) + "\n");
        }

        stdout.WriteLine($"{report.Outcome}: {report.DurationS:0.0} s, {report.Steps.Count} steps, {report.SafetyEvents.Count} safety events" +
                         (report.Reason is null ? "" : $" ({report.Reason})"));
        return report.Outcome switch
        {
            "completed" => ExitCodes.Done,
            "safety-stop" => ExitCodes.SafetyStop,
            "rejected" => ExitCodes.SafetyStop,
            _ => ExitCodes.StoppedByPerson,
        };
    }

    /// <summary>The device map from appsettings.json beside the executable (the one <c>run</c> uses).</summary>
    public static HardwareOptions LoadHardwareOptions()
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: false)
            .Build();
        var options = new HardwareOptions();
        configuration.GetSection(HardwareOptions.SectionName).Bind(options);
        return options;
    }

    private static bool CanWrite(string? path, TextWriter stderr)
    {
        if (path is null)
        {
            return true;
        }

        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is null || !Directory.Exists(dir))
        {
            stderr.WriteLine($"{path}: the folder does not exist");
            return false;
        }

        if (Directory.Exists(path))
        {
            stderr.WriteLine($"{path}: is a folder, not a file");
            return false;
        }

        return true;
    }
}
