using System.Text.Json;

namespace AmpsDevice.Control.Tests.Plans;

/// <summary><c>ampsdevice plan validate|import|show|simulate</c>: output and exit codes (0 done, 2 bad input naming every problem).</summary>
public sealed class PlanVerbTests : IDisposable
{
    private readonly string _data = PlanFiles.NewDataDirectory();

    public void Dispose() => PlanFiles.Delete(_data);

    private string WritePlan(string json)
    {
        var path = Path.Combine(_data, $"plan-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public async Task Validate_prints_a_summary_and_exits_0_for_the_example()
    {
        var (code, stdout, _) = await DeviceCli.RunAsync("plan", "validate", PlanFiles.ExamplePath);

        Assert.Equal(0, code);
        Assert.Contains("levels 1..10", stdout);
        Assert.Contains("Every level is inside the device envelope", stdout);
    }

    [Fact]
    public async Task Validate_exits_2_with_every_error_on_its_own_line_as_path_colon_message()
    {
        var bad = File.ReadAllText(PlanFiles.ExamplePath).Replace("\"heatC\": 40.0", "\"heatC\": 43.0").Replace("\"patientId\": \"p-001\"", "\"patientId\": \"Anna Smith\"");

        var (code, stdout, stderr) = await DeviceCli.RunAsync("plan", "validate", WritePlan(bad));

        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Contains(lines, l => l.StartsWith("patientId: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("ceiling: level 9 would break the device envelope at steps[3].parallel.steps[0].thermal.targetC", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Import_then_show_lists_the_plan_and_its_level_and_unknown_patients_or_options_exit_2()
    {
        var imported = await DeviceCli.RunAsync("plan", "import", PlanFiles.ExamplePath, "--data", _data);
        var shown = await DeviceCli.RunAsync("plan", "show", "p-001", "--data", _data);
        var unknown = await DeviceCli.RunAsync("plan", "show", "p-404", "--data", _data);
        var name = await DeviceCli.RunAsync("plan", "show", "Anna Smith", "--data", _data);
        var option = await DeviceCli.RunAsync("plan", "show", "p-001", "--bogus");
        var verb = await DeviceCli.RunAsync("plan", "explode");

        Assert.Equal(0, imported.Code);
        Assert.True(File.Exists(Path.Combine(_data, "plans", "p-001.json")));
        Assert.Equal(0, shown.Code);
        Assert.Contains("Level now: 1 (0 good session(s) in a row)", shown.Out);
        Assert.Contains("History: 0 session(s).", shown.Out);
        Assert.Equal((2, true), (unknown.Code, unknown.Err.Contains("no plan is stored", StringComparison.Ordinal)));
        Assert.Equal((2, true), (name.Code, name.Err.Contains("pseudonymous", StringComparison.Ordinal)));
        Assert.Equal((2, true), (option.Code, option.Err.Contains("unknown option --bogus", StringComparison.Ordinal)));
        Assert.Equal((2, true), (verb.Code, verb.Err.Contains("unknown plan subcommand", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Import_of_an_invalid_plan_exits_2_and_stores_nothing()
    {
        var (code, _, stderr) = await DeviceCli.RunAsync("plan", "import", WritePlan("{\"schema\": \"amps.plan/1\"}"), "--data", _data);

        Assert.Equal(2, code);
        Assert.Contains("patientId: missing required field", stderr);
        Assert.False(Directory.Exists(Path.Combine(_data, "plans")));
    }

    [Fact]
    public async Task Simulate_prints_one_row_per_session_and_a_summary_and_writes_the_report()
    {
        var report = Path.Combine(_data, "report.json");

        var (code, stdout, stderr) = await DeviceCli.RunAsync("plan", "simulate", "--plan", WritePlan(PlanFiles.ShortSessions), "--weeks", "1", "--seed", "3", "--report", report);

        Assert.Equal(0, code);
        Assert.Empty(stderr);
        Assert.Contains("7 sessions over 1 weeks", stdout);
        Assert.Contains(" day  s  level  max pain  outcome", stdout);
        using var doc = JsonDocument.Parse(File.ReadAllText(report));
        Assert.Equal(7, doc.RootElement.GetProperty("sessions").GetArrayLength());
        Assert.Equal("amps.plan-simulation/1", doc.RootElement.GetProperty("schema").GetString());
    }

    [Theory]
    [InlineData("--weeks", "9", "--weeks: '9' is not a whole number in 1..8")]
    [InlineData("--seed", "x", "--seed: 'x' is not a whole number")]
    public async Task Simulate_refuses_bad_options_with_exit_2(string option, string value, string message)
    {
        var (code, _, stderr) = await DeviceCli.RunAsync("plan", "simulate", "--plan", PlanFiles.ExamplePath, option, value);

        Assert.Equal(2, code);
        Assert.Contains(message, stderr);
    }

    [Fact]
    public async Task Simulate_without_a_plan_or_with_an_invalid_one_exits_2()
    {
        var none = await DeviceCli.RunAsync("plan", "simulate");
        var invalid = await DeviceCli.RunAsync("plan", "simulate", "--plan", WritePlan("[]"));

        Assert.Equal((2, true), (none.Code, none.Err.Contains("needs --plan", StringComparison.Ordinal)));
        Assert.Equal((2, true), (invalid.Code, invalid.Err.Contains("$: expected a plan", StringComparison.Ordinal)));
    }
}
