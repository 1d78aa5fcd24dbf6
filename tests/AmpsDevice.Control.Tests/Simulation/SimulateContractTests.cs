using AmpsDevice.FirmwareHost.Cli;

namespace AmpsDevice.Control.Tests.Simulation;

/// <summary>The simulate verb as CONTRACTS.md fixes it: exit codes, report, samples, determinism, hazards on physical truth.</summary>
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
    public void Heater_stuck_on_ends_in_safety_stop_with_exit_3_and_the_pad_never_passes_44_C()
    {
        var scenario = Path.Combine(Path.GetTempPath(), $"amps-scn-{Guid.NewGuid():N}.json");
        File.WriteAllText(scenario, """{ "events": [ { "at": 40.0, "fault": "heater-stuck-on", "target": "pad1" } ] }""");
        var r = Simulate("--profile", Example("contract-example.json"), "--scenario", scenario, "--seed", "3");
        File.Delete(scenario);
        Assert.Equal(3, r.Code);
        using var doc = System.Text.Json.JsonDocument.Parse(r.Report);
        var root = doc.RootElement;
        Assert.Equal("safety-stop", root.GetProperty("outcome").GetString());
        Assert.True(root.GetProperty("channels").GetProperty("pad1").GetProperty("physicalMaxC").GetDouble() < 44.0);
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
}
