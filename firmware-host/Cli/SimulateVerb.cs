using System.Globalization;
using System.Text.Json;
using AmpsDevice.FirmwareHost.Hardware;
using AmpsDevice.FirmwareHost.Sessions.Records;
using AmpsDevice.FirmwareHost.Simulation;
using AmpsDevice.Protocol.Profiles;
using AmpsDevice.Simulator.Faults;
using Microsoft.Extensions.Configuration;

namespace AmpsDevice.FirmwareHost.Cli;

/// <summary>
/// <c>ampsdevice simulate --profile P.json [--scenario S.json] [--report R.json] [--samples S.csv] [--seed N] [--realtime] [--data DIR]</c>:
/// one whole session on simulated hardware (recorded in DIR/records.db when <c>--data</c> is given, as <c>run</c> records it);
/// exit 0 completed, 2 bad input (nothing started),
/// 3 safety stop (outputs safe), 4 stopped by a person.
/// </summary>
public static class SimulateVerb
{
    private static readonly string[] Valued = ["profile", "scenario", "report", "samples", "seed", "data"];
    private static readonly string[] Flags = ["realtime"];

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        var parsed = CliArguments.Parse(args, Valued, Flags);
        if (parsed.Positional.Count > 0)
        {
            throw new CliUsageException($"simulate takes no positional arguments ('{parsed.Positional[0]}')");
        }

        var profilePath = parsed.Value("profile") ?? throw new CliUsageException("simulate needs --profile <profile.json>");
        var seed = 1;
        if (parsed.Value("seed") is { } seedText && !int.TryParse(seedText, NumberStyles.Integer, CultureInfo.InvariantCulture, out seed))
        {
            throw new CliUsageException($"--seed: '{seedText}' is not an integer");
        }

        var hardware = LoadHardwareOptions();
        using var run = new SimulationRun(hardware, seed);
        var result = ProfileParser.ParseFile(profilePath, run.Envelope);
        if (!result.IsValid)
        {
            foreach (var error in result.Errors)
            {
                stderr.WriteLine(error.ToString());
            }

            return ExitCodes.BadInput;
        }

        Scenario? scenario = null;
        if (parsed.Value("scenario") is { } scenarioPath)
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

        var reportPath = parsed.Value("report");
        var samplesPath = parsed.Value("samples");
        if (!CanWrite(reportPath, stderr) || !CanWrite(samplesPath, stderr))
        {
            return ExitCodes.BadInput;
        }

        SimulationRecording? recording = null;
        if (parsed.Value("data") is { } dataDirectory)
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
        using (var samples = samplesPath is null ? null : new SampleCsvWriter(new StreamWriter(samplesPath, append: false, new System.Text.UTF8Encoding(false), 1 << 16), run.Truth))
        {
            if (samples is not null)
            {
                run.Loop.AddObserver(samples);
            }

            report = run.Run(result.Profile!, scenario, parsed.Has("realtime"));
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
