using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using AmpsDevice.FirmwareHost.Hardware;
using AmpsDevice.FirmwareHost.Sessions;
using AmpsDevice.FirmwareHost.Sessions.Plans;
using AmpsDevice.FirmwareHost.Simulation;
using AmpsDevice.FirmwareHost.Telemetry;
using AmpsDevice.Protocol.CommandLine;
using AmpsDevice.Protocol.Connection;
using AmpsDevice.Protocol.Messages;
using AmpsDevice.Protocol.Plans;
using AmpsDevice.Protocol.Profiles;
using AmpsDevice.Protocol.Topics;

namespace AmpsDevice.FirmwareHost.Cli;

/// <summary>
/// <c>ampsdevice plan validate|import|show|simulate</c>: patient plans (docs/plans.md). Exit 0 done as
/// asked; 2 bad input (an invalid plan, with every error on its own line as <c>&lt;json-path&gt;: &lt;message&gt;</c>,
/// an unknown patient, a wrong option); 1 only for a bug.
/// </summary>
public static class PlanVerb
{
    public const string Description = "Patient plans and progression: check, store and show a plan, or run all its sessions on the simulated device.";

    /// <summary>The device's data folder when <c>--data</c> is not given (as for <c>run</c>).</summary>
    public const string DefaultDataDirectory = "data";

    public static Command Command()
    {
        var command = new Command("plan", Description)
        {
            ValidateCommand(),
            ImportCommand(),
            ShowCommand(),
            SimulateCommand(),
            HelpVerb.Command(),
        };
        command.SetAction(result => CliInvocation.UsageError(
            result.CommandResult.Command, ["needs a subcommand: validate, import, show or simulate"], result.InvocationConfiguration.Error));
        return command;
    }

    private static Option<string> Data(string description) => CliOptions.Value("--data", "DIR", description);

    private static Command ValidateCommand()
    {
        var command = new Command("validate", "Check a plan and every level it can reach against the device's envelope");
        var path = CliOptions.Required(command, "plan.json", "The plan to check", "needs <plan.json>");
        var data = Data("Also resolve profileId against the profiles stored in DIR");
        command.Add(data);
        command.SetAction(result =>
        {
            var (stdout, stderr) = (result.InvocationConfiguration.Output, result.InvocationConfiguration.Error);
            var parsed = Parse(result.GetRequiredValue(path), ProfileEnvelope.Absolute(), result.GetValue(data));
            if (parsed.Value is not { } plan)
            {
                return Errors(parsed.Errors, stderr);
            }

            stdout.WriteLine(Describe(plan));
            return ExitCodes.Done;
        });
        return command;
    }

    private static Command ImportCommand()
    {
        var command = new Command("import", "Store the plan on the device; its patient starts at its start level");
        var path = CliOptions.Required(command, "plan.json", "The plan to store", "needs <plan.json>");
        var data = Data($"The device's data folder (default: {DefaultDataDirectory})");
        command.Add(data);
        command.SetAction(result =>
        {
            var (stdout, stderr) = (result.InvocationConfiguration.Output, result.InvocationConfiguration.Error);
            var directory = result.GetValue(data) ?? DefaultDataDirectory;
            var envelope = ProfileEnvelope.Absolute();
            var parsed = Parse(result.GetRequiredValue(path), envelope, directory);
            if (parsed.Value is not { } plan)
            {
                return Errors(parsed.Errors, stderr);
            }

            var store = new PlanStore(directory, envelope);
            var record = store.Import(plan);
            stdout.WriteLine(Describe(plan));
            stdout.WriteLine(Invariant($"Stored for {plan.PatientId} in {store.Directory}; the next session runs level {record.Level}."));
            return ExitCodes.Done;
        });
        return command;
    }

    private static Command ShowCommand()
    {
        var command = new Command("show", "The patient's plan, level now, and the history of plan sessions");
        var patient = CliOptions.Required(command, "patientId", "The patient (a pseudonymous id such as p-001)", "needs <patientId>");
        var data = Data($"The device's data folder (default: {DefaultDataDirectory})");
        command.Add(data);
        command.SetAction(result => Show(
            result.GetRequiredValue(patient),
            result.GetValue(data) ?? DefaultDataDirectory,
            result.InvocationConfiguration.Output,
            result.InvocationConfiguration.Error));
        return command;
    }

    private static Command SimulateCommand()
    {
        var command = new Command("simulate", "Run every session of the plan on the simulated device with a virtual patient");
        var plan = CliOptions.Require(command, CliOptions.Value("--plan", "plan.json", "The plan to run (required)"), "needs --plan <plan.json>");
        var weeks = CliOptions.WholeNumber("--weeks", "Run this many weeks of the plan (default: all of it)", 1, TherapyPlan.MaxWeeks);
        var seed = CliOptions.WholeNumber("--seed", "The simulator's and the virtual patient's seed (default 1)");
        var report = CliOptions.Value("--report", "out.json", "Write the plan simulation's report (JSON) here");
        var mqtt = CliOptions.Value("--mqtt", "mqtt://[user:pass@]host:port",
            "Also publish every session to this broker as the device does (status, session state, events, telemetry), dated on the plan's calendar");
        var deviceId = CliOptions.Value("--device-id", "ID", $"The device id to publish as with --mqtt (default {new MqttOptions().DeviceId})");
        command.Add(weeks);
        command.Add(seed);
        command.Add(report);
        command.Add(mqtt);
        command.Add(deviceId);
        command.Validators.Add(result =>
        {
            if (result.GetValue(mqtt) is { } uri && !BrokerAddress.TryParse(uri, out _, out var error))
            {
                result.AddError("--mqtt: " + error);
            }

            if (result.GetValue(deviceId) is { } id)
            {
                if (result.GetValue(mqtt) is null)
                {
                    result.AddError("--device-id: only with --mqtt");
                }
                else if (!DeviceTopics.IsValidDeviceId(id, out var why))
                {
                    result.AddError($"--device-id: {why}");
                }
            }
        });
        command.SetAction(result => Simulate(
            result.GetRequiredValue(plan),
            result.GetValue(weeks),
            result.GetValue(seed) ?? 1,
            result.GetValue(report),
            result.GetValue(mqtt),
            result.GetValue(deviceId) ?? new MqttOptions().DeviceId,
            result.InvocationConfiguration.Output,
            result.InvocationConfiguration.Error));
        return command;
    }

    private static int Show(string patientId, string dataDirectory, TextWriter stdout, TextWriter stderr)
    {
        if (!PatientIds.IsPseudonymous(patientId))
        {
            stderr.WriteLine($"patientId: must be {PatientIds.Rule}");
            return ExitCodes.BadInput;
        }

        var store = new PlanStore(dataDirectory, ProfileEnvelope.Absolute());
        var (record, error) = store.Load(patientId);
        if (record is null)
        {
            stderr.WriteLine(error);
            return ExitCodes.BadInput;
        }

        stdout.WriteLine(Describe(record.Plan));
        stdout.WriteLine(Invariant($"Level now: {record.Level} ({record.Position.GoodInARow} good session(s) in a row). Next session: {ProfileSummary.Describe(record.Plan.ProfileAt(record.Level))}"));
        stdout.WriteLine(Invariant($"History: {record.History.Count} session(s)."));
        if (record.History.Count > 0)
        {
            stdout.WriteLine("ended (UTC)          session               level  max pain  outcome      level after  why");
            foreach (var h in record.History)
            {
                stdout.WriteLine(Invariant($"{h.EndedAt.UtcDateTime:yyyy-MM-dd HH:mm}     {h.SessionId,-20}  {h.Level,5}  {Pain(h.MaxPain),8}  {h.Outcome,-11}  {h.LevelAfter,11}  {h.Rule}"));
            }
        }

        return ExitCodes.Done;
    }

    private static int Simulate(string path, int? weeks, int seed, string? reportPath, string? mqtt, string deviceId, TextWriter stdout, TextWriter stderr)
    {
        if (reportPath is not null && (Directory.Exists(reportPath) || !Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(reportPath)))))
        {
            stderr.WriteLine($"{reportPath}: {(Directory.Exists(reportPath) ? "is a folder, not a file" : "the folder does not exist")}");
            return ExitCodes.BadInput;
        }

        var hardware = SimulateVerb.LoadHardwareOptions();
        ProfileEnvelope envelope;
        DeviceShape shape;
        using (var probe = new SimulationRun(hardware, seed))
        {
            envelope = probe.Envelope;
            shape = probe.Core.Shape;
        }

        var result = PlanParser.ParseFile(path, envelope);
        if (result.Value is not { } plan)
        {
            return Errors(result.Errors, stderr);
        }

        PlanMqttPublisher? publisher = null;
        if (mqtt is not null && BrokerAddress.TryParse(mqtt, out var broker, out _))
        {
            try
            {
                publisher = PlanMqttPublisher.Connect(broker, deviceId, shape);
            }
            catch (InvalidOperationException ex)
            {
                stderr.WriteLine($"plan simulate: --mqtt: {ex.Message}");
                return ExitCodes.BadInput;
            }
        }

        stdout.WriteLine(Describe(plan));
        stdout.WriteLine(" day  s  level  max pain  outcome      withdrew  pad max °C  level after  why");
        var wall = Stopwatch.StartNew();
        PlanSimulationReport report;
        using (publisher)
        {
            report = PlanSimulation.Run(plan, hardware, weeks, seed, onSession: row => stdout.WriteLine(Invariant(
                $"{row.Day,4}  {row.SessionOfDay}  {row.Level,5}  {Pain(row.MaxPain),8}  {row.Outcome,-11}  {(row.Withdrew ? "yes" : "no"),8}  {row.PadMaxPhysicalC,10:0.0}  {row.LevelAfter,11}  {row.Rule}")),
                publisher: publisher);
        }

        wall.Stop();
        var s = report.Summary;
        stdout.WriteLine(Invariant(
            $"{s.Sessions} sessions over {report.Weeks} weeks ({s.SimulatedHours:0.0} h simulated in {wall.Elapsed.TotalSeconds:0.0} s): level {s.StartLevel} -> {s.EndLevel} (highest {s.HighestLevel}), {s.StepsUp} up, {s.StepsDown} down, {s.Withdrawals} withdrawals, {s.SafetyStops} safety stops; patient sensitivity {s.InitialSensitivity:0.00} -> {s.FinalSensitivity:0.00}."));
        if (publisher is not null)
        {
            stdout.WriteLine(Invariant($"Published {publisher.Published} messages to {BrokerAddress.Redact(mqtt!)} as device {deviceId}."));
        }

        if (reportPath is not null)
        {
            File.WriteAllText(reportPath, JsonSerializer.Serialize(report, PlanSimulationJsonContext.Default.PlanSimulationReport) + "\n");
        }

        return ExitCodes.Done;
    }

    /// <summary>One paragraph: the plan, its levels, its rules.</summary>
    public static string Describe(TherapyPlan plan)
    {
        var r = plan.Progression;
        var c = plan.Ceiling;
        var top = string.Join(", ", new[]
        {
            c.HeatC is { } h ? Invariant($"heat {h} °C") : null,
            c.ColdC is { } k ? Invariant($"cold {k} °C") : null,
            c.Amplitude is { } a ? Invariant($"vibration amplitude {a}") : null,
            c.ForceN is { } n ? Invariant($"pressure {n} N") : null,
        }.Where(x => x is not null));
        var levels = Invariant(
            $"\"{plan.Name}\" ({TherapyPlan.SchemaId}) for {plan.PatientId}: levels {plan.MinLevel}..{plan.MaxLevel}, starting at {plan.StartLevel}; level 1 is \"{plan.Profile.Name}\", level {plan.MaxLevel} reaches {(top.Length == 0 ? "the same" : top)}.");
        var rules = Invariant(
            $"{plan.SessionsPerDay} session(s) a day for {plan.Weeks} week(s). Up one level after {r.UpAfterSessions} sessions in a row with pain at or below {r.UpMaxPain}; down one after {(r.DownOnStop ? "a stop, " : "")}{(r.DownOnWithdrawal ? "a withdrawal, " : "")}or a rating at or above {r.DownAtPain}. Every level is inside the device envelope.");
        return levels + " " + rules;
    }

    private static ValidationResult<TherapyPlan> Parse(string path, ProfileEnvelope envelope, string? dataDirectory)
    {
        ProfileLookup? lookup = null;
        if (dataDirectory is not null)
        {
            var profiles = new ProfileStore(dataDirectory);
            lookup = id => profiles.Load(id, envelope);
        }

        return PlanParser.ParseFile(path, envelope, lookup);
    }

    private static int Errors(IReadOnlyList<ProfileError> errors, TextWriter stderr)
    {
        foreach (var error in errors)
        {
            stderr.WriteLine(error.ToString().ReplaceLineEndings(" "));
        }

        return ExitCodes.BadInput;
    }

    private static string Pain(int? pain) => pain?.ToString(CultureInfo.InvariantCulture) ?? "-";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
