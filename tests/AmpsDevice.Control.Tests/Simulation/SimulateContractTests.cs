using AmpsDevice.FirmwareHost.Cli;
using AmpsDevice.Protocol.Envelope;

namespace AmpsDevice.Control.Tests.Simulation;

/// <summary>The simulate verb as docs/cli.md and docs/simulate.md fix it: exit codes, report, samples, determinism, hazards on physical truth.</summary>
public class SimulateContractTests
{
    private static readonly string Root = Repository.Root;
    private static string Example(string name) => Path.Combine(Root, "docs", "examples", name);

    private static (int Code, string Report, string Err) Simulate(params string[] args)
    {
        var report = Path.Combine(Path.GetTempPath(), $"amps-report-{Guid.NewGuid():N}.json");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = SimulateVerb.Run([.. args, "--report", report], stdout, stderr);
        var text = File.Exists(report) ? File.ReadAllText(report) : "";
        File.Delete(report);
        return (code, text, stderr.ToString());
    }

    [Fact]
    public void Contract_profile_completes_with_exit_0_and_the_same_seed_gives_the_same_report_byte_for_byte()
    {
        var a = Simulate("--profile", Example("contract-example.json"), "--seed", "7");
        var b = Simulate("--profile", Example("contract-example.json"), "--seed", "7");
        Assert.Equal(0, a.Code);
        Assert.Contains("\"outcome\": \"completed\"", a.Report);
        Assert.Equal(a.Report, b.Report);
    }

    [Fact]
    public void Heater_stuck_on_ends_in_safety_stop_with_exit_3_and_the_pad_never_passes_43_C()
    {
        var scenario = Path.Combine(Path.GetTempPath(), $"amps-scn-{Guid.NewGuid():N}.json");
        File.WriteAllText(scenario, """{ "events": [ { "at": 40.0, "fault": "heater-stuck-on", "target": "pad1" } ] }""");
        var r = Simulate("--profile", Example("contract-example.json"), "--scenario", scenario, "--seed", "3");
        File.Delete(scenario);
        Assert.Equal(3, r.Code);
        using var doc = System.Text.Json.JsonDocument.Parse(r.Report);
        var root = doc.RootElement;
        Assert.Equal("safety-stop", root.GetProperty("outcome").GetString());
        Assert.True(root.GetProperty("channels").GetProperty("pad1").GetProperty("physicalMaxC").GetDouble() <= AbsoluteLimits.SkinContactMaxC);
        var trip = root.GetProperty("safetyEvents")[0];
        Assert.Equal(0.0, trip.GetProperty("latencyMs").GetDouble());
        Assert.True(trip.GetProperty("detectedAtS").GetDouble() >= 40.0);
    }

    [Fact]
    public void Patient_stop_button_ends_the_session_with_exit_4()
    {
        var scenario = Path.Combine(Path.GetTempPath(), $"amps-scn-{Guid.NewGuid():N}.json");
        File.WriteAllText(scenario, """{ "events": [ { "at": 20.0, "patient": "press-stop" } ] }""");
        var r = Simulate("--profile", Example("contract-example.json"), "--scenario", scenario);
        File.Delete(scenario);
        Assert.Equal(4, r.Code);
        Assert.Contains("\"outcome\": \"stopped\"", r.Report);
    }

    [Fact]
    public async Task Bad_input_is_exit_2_and_names_the_problem()
    {
        Assert.Equal(2, Simulate("--profile", "/nonexistent/p.json").Code);
        var bad = Path.Combine(Path.GetTempPath(), $"amps-bad-{Guid.NewGuid():N}.json");
        File.WriteAllText(bad, """{ "events": [ { "at": 1, "fault": "heater-stuck-on", "target": "pad9" } ] }""");
        var r = Simulate("--profile", Example("contract-example.json"), "--scenario", bad);
        File.Delete(bad);
        Assert.Equal(2, r.Code);
        Assert.Contains("pad9", r.Err);
        Assert.Equal(2, await AmpsDeviceCli.RunAsync(["simulate", "--bogus"], TextWriter.Null, TextWriter.Null));
    }

    /// <summary>Runs simulate with --samples; returns the report and the CSV's rows split into cells.</summary>
    private static (System.Text.Json.JsonElement Report, string[] Header, List<string[]> Rows) SimulateWithSamples(string scenarioJson)
    {
        var scenario = Path.Combine(Path.GetTempPath(), $"amps-scn-{Guid.NewGuid():N}.json");
        var samples = Path.Combine(Path.GetTempPath(), $"amps-samples-{Guid.NewGuid():N}.csv");
        File.WriteAllText(scenario, scenarioJson);
        try
        {
            var r = Simulate("--profile", Example("contract-example.json"), "--scenario", scenario, "--samples", samples, "--seed", "5");
            var lines = File.ReadAllLines(samples);
            using var doc = System.Text.Json.JsonDocument.Parse(r.Report);
            return (doc.RootElement.Clone(), lines[0].Split(','), lines.Skip(1).Select(l => l.Split(',')).ToList());
        }
        finally
        {
            File.Delete(scenario);
            File.Delete(samples);
        }
    }

    private static double T(string[] row) => double.Parse(row[0], System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Samples_t_is_the_session_clock_of_the_scenario_and_the_report_and_an_estop_at_20_s_shows_at_20_01_s()
    {
        var (report, header, rows) = SimulateWithSamples("""{ "events": [ { "at": 20.0, "fault": "estop", "duration": 2.0 } ] }""");
        var trip = report.GetProperty("safetyEvents")[0];
        Assert.Equal("estop", trip.GetProperty("rule").GetString());
        var detected = trip.GetProperty("detectedAtS").GetDouble();
        Assert.InRange(detected, 20.0, 20.015);

        var safe = Array.IndexOf(header, "safe");
        var firstSafeAfterEstop = rows.First(r => T(r) >= 20.0 && r[safe] == "1");
        Assert.Equal(detected, T(firstSafeAfterEstop), 3);
        Assert.All(rows.Where(r => T(r) > 0.05 && T(r) < 19.99), r => Assert.Equal("0", r[safe])); // running before it

        // The warm-up comes before the session's start, at negative t; the session starts at t = 0.
        Assert.True(T(rows[0]) < 0);
        Assert.Contains(rows, r => T(r) == 0);
        Assert.All(rows.Where(r => T(r) < 0), r => Assert.Equal("1", r[safe]));
        Assert.Equal(report.GetProperty("durationS").GetDouble(), T(rows[^1]), 1);
    }

    [Fact]
    public void Samples_show_an_empty_cell_before_a_sensors_first_conversion_and_while_it_is_lost_never_a_0_or_its_last_value()
    {
        var (_, header, rows) = SimulateWithSamples("""{ "events": [ { "at": 10.0, "fault": "sensor-disconnected", "target": "pad1" } ] }""");
        var measured = Array.IndexOf(header, "pad1.measuredC");
        var safety = Array.IndexOf(header, "pad1.safetyC");
        var physical = Array.IndexOf(header, "pad1.physicalC");

        // The first row is the first tick: the TMP117s have not converted yet (15.5 ms), nor have the
        // second channels of the round-robin ADCs. Empty, not "0"; the physical truth is always there.
        Assert.Equal("", rows[0][measured]);
        Assert.Equal("", rows[0][Array.IndexOf(header, "pad2.measuredC")]);
        Assert.Equal("", rows[0][Array.IndexOf(header, "pad2.safetyC")]);
        Assert.Equal("", rows[0][Array.IndexOf(header, "pressure2.forceN")]);
        Assert.NotEqual("", rows[0][physical]);
        Assert.DoesNotContain(rows, r => r[measured] == "0" || r[safety] == "0");

        // Every cell that holds a reading is a plausible pad temperature.
        Assert.All(rows.Where(r => r[measured] != ""), r => Assert.InRange(double.Parse(r[measured], System.Globalization.CultureInfo.InvariantCulture), 15, 45));

        // From the disconnection on, the TMP117 gives no reading: empty cells, not its last good value.
        var before = rows.Last(r => T(r) < 10.0);
        Assert.NotEqual("", before[measured]);
        Assert.All(rows.Where(r => T(r) > 10.015), r => Assert.Equal("", r[measured]));
        Assert.Contains(rows, r => T(r) > 10.015 && r[safety] != ""); // the NTC still reads
    }
}
