using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using AmpsDevice.FirmwareHost.Sessions;
using AmpsDevice.FirmwareHost.Sessions.Plans;
using AmpsDevice.FirmwareHost.Simulation;
using AmpsDevice.Protocol.Messages;
using AmpsDevice.Protocol.Plans;
using AmpsDevice.Protocol.Profiles;

namespace AmpsDevice.FirmwareHost.Cli;

/// <summary>
/// <c>ampsdevice plan validate|import|show|simulate</c>: patient plans (docs/plans.md). Exit 0 done as
/// asked; 2 bad input (an invalid plan, with every error on its own line as <c>&lt;json-path&gt;: &lt;message&gt;</c>,
/// an unknown patient, a wrong option); 1 only for a bug.
/// </summary>
public static class PlanVerb
{
    public const string Usage = """
        usage: ampsdevice plan <validate|import|show|simulate> ...
          plan validate <plan.json> [--data DIR]          check a plan and every level it can reach against the envelope
          plan import <plan.json> [--data DIR]            store the plan on the device; its patient starts at its start level
          plan show <patientId> [--data DIR]              the patient's plan, level now, and the history of plan sessions
          plan simulate --plan <plan.json> [--weeks N] [--seed N] [--report out.json]
                                                          run every session of the plan on the simulated device with a virtual patient
        """;

    /// <summary>The device's data folder when <c>--data</c> is not given (as for <c>run</c>).</summary>
    public const string DefaultDataDirectory = "data";

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Count == 0)
        {
            throw new CliUsageException("plan needs a subcommand: validate, import, show or simulate");
        }

        var rest = args.Skip(1).ToList();
        return args[0] switch
        {
            "validate" => Validate(rest, stdout, stderr),
            "import" => Import(rest, stdout, stderr),
            "show" => Show(rest, stdout, stderr),
            "simulate" => Simulate(rest, stdout, stderr),
            "-h" or "--help" or "help" => Help(stdout),
            _ => throw new CliUsageException($"unknown plan subcommand '{args[0]}'; expected validate, import, show or simulate"),
        };
    }

    private static int Help(TextWriter stdout)
    {
        stdout.WriteLine(Usage);
        return ExitCodes.Done;
    }

    private static int Validate(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        var parsed = CliArguments.Parse(args, ["data"], []);
        var path = OnePositional(parsed, "plan validate", "<plan.json>");
        var envelope = ProfileEnvelope.Absolute();
        var result = Parse(path, envelope, parsed.Value("data"));
        if (result.Plan is not { } plan)
        {
            return Errors(result.Errors, stderr);
        }

        stdout.WriteLine(Describe(plan));
        return ExitCodes.Done;
    }

    private static int Import(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        var parsed = CliArguments.Parse(args, ["data"], []);
        var path = OnePositional(parsed, "plan import", "<plan.json>");
        var data = parsed.Value("data") ?? DefaultDataDirectory;
        var envelope = ProfileEnvelope.Absolute();
        var result = Parse(path, envelope, data);
        if (result.Plan is not { } plan)
        {
            return Errors(result.Errors, stderr);
        }

        var store = new PlanStore(data, envelope);
        var record = store.Import(plan);
        stdout.WriteLine(Describe(plan));
        stdout.WriteLine(Invariant($"Stored for {plan.PatientId} in {store.Directory}; the next session runs level {record.Level}."));
        return ExitCodes.Done;
    }

    private static int Show(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        var parsed = CliArguments.Parse(args, ["data"], []);
        var patientId = OnePositional(parsed, "plan show", "<patientId>");
        if (!PatientIds.IsPseudonymous(patientId))
        {
            stderr.WriteLine($"patientId: must be {PatientIds.Rule}");
            return ExitCodes.BadInput;
        }

        var store = new PlanStore(parsed.Value("data") ?? DefaultDataDirectory, ProfileEnvelope.Absolute());
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

    private static int Simulate(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        var parsed = CliArguments.Parse(args, ["plan", "weeks", "seed", "report"], []);
        if (parsed.Positional.Count > 0)
        {
            throw new CliUsageException($"plan simulate takes no positional arguments ('{parsed.Positional[0]}')");
        }

        var path = parsed.Value("plan") ?? throw new CliUsageException("plan simulate needs --plan <plan.json>");
        var seed = Integer(parsed, "seed", 1, int.MinValue, int.MaxValue);
        int? weeks = parsed.Has("weeks") ? Integer(parsed, "weeks", 0, 1, TherapyPlan.MaxWeeks) : null;
        var reportPath = parsed.Value("report");
        if (reportPath is not null && (Directory.Exists(reportPath) || !Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(reportPath)))))
        {
            stderr.WriteLine($"{reportPath}: {(Directory.Exists(reportPath) ? "is a folder, not a file" : "the folder does not exist")}");
            return ExitCodes.BadInput;
        }

        var hardware = SimulateVerb.LoadHardwareOptions();
        ProfileEnvelope envelope;
        using (var probe = new SimulationRun(hardware, seed))
        {
            envelope = probe.Envelope;
        }

        var result = PlanParser.ParseFile(path, envelope);
        if (result.Plan is not { } plan)
        {
            return Errors(result.Errors, stderr);
        }

        stdout.WriteLine(Describe(plan));
        stdout.WriteLine(" day  s  level  max pain  outcome      withdrew  pad max °C  level after  why");
        var wall = Stopwatch.StartNew();
        var report = PlanSimulation.Run(plan, hardware, weeks, seed, onSession: row => stdout.WriteLine(Invariant(
            $"{row.Day,4}  {row.SessionOfDay}  {row.Level,5}  {Pain(row.MaxPain),8}  {row.Outcome,-11}  {(row.Withdrew ? "yes" : "no"),8}  {row.PadMaxPhysicalC,10:0.0}  {row.LevelAfter,11}  {row.Rule}")));
        wall.Stop();
        var s = report.Summary;
        stdout.WriteLine(Invariant(
            $"{s.Sessions} sessions over {report.Weeks} weeks ({s.SimulatedHours:0.0} h simulated in {wall.Elapsed.TotalSeconds:0.0} s): level {s.StartLevel} -> {s.EndLevel} (highest {s.HighestLevel}), {s.StepsUp} up, {s.StepsDown} down, {s.Withdrawals} withdrawals, {s.SafetyStops} safety stops; patient sensitivity {s.InitialSensitivity:0.00} -> {s.FinalSensitivity:0.00}."));
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

    private static PlanValidationResult Parse(string path, ProfileEnvelope envelope, string? dataDirectory)
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

    private static string OnePositional(CliArguments parsed, string verb, string what) => parsed.Positional.Count switch
    {
        1 when parsed.Positional[0].Length > 0 => parsed.Positional[0],
        0 => throw new CliUsageException($"{verb} needs {what}"),
        1 => throw new CliUsageException($"{verb}: {what} is empty"),
        _ => throw new CliUsageException($"{verb} takes one {what}, got {parsed.Positional.Count} arguments"),
    };

    private static int Integer(CliArguments parsed, string name, int fallback, int min, int max)
    {
        if (parsed.Value(name) is not { } text)
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new CliUsageException(Invariant($"--{name}: '{text}' is not a whole number in {min}..{max}"));
        }

        return value;
    }

    private static string Pain(int? pain) => pain?.ToString(CultureInfo.InvariantCulture) ?? "-";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
