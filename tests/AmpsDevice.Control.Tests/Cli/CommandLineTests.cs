using System.Reflection;
using AmpsDevice.FirmwareHost.Cli;

namespace AmpsDevice.Control.Tests.Cli;

/// <summary>
/// The command line as docs/cli.md describes it: help for every verb naming its options, <c>--version</c>, an unknown
/// option or verb refused with exit 2 and the verb's usage (and the verb it most likely meant), shell completion.
/// </summary>
public sealed class CommandLineTests
{
    public static TheoryData<string, string[]> VerbsAndTheirOptions => new()
    {
        { "", ["--simulate", "--mqtt", "--device-id", "--data", "--allow-remote-start", "--version", "run", "validate", "simulate", "sessions", "export", "plan", "outputs-off"] },
        { "run", ["--simulate", "--mqtt", "--device-id", "--data", "--allow-remote-start"] },
        { "validate", ["<profile.json>"] },
        { "simulate", ["--profile", "--scenario", "--report", "--samples", "--seed", "--realtime", "--data"] },
        { "sessions", ["--data", "--patient"] },
        { "export", ["<sessionId>", "--data", "--csv", "--json", "--chart"] },
        { "plan", ["validate", "import", "show", "simulate"] },
        { "plan validate", ["<plan.json>", "--data"] },
        { "plan import", ["<plan.json>", "--data"] },
        { "plan show", ["<patientId>", "--data"] },
        { "plan simulate", ["--plan", "--weeks", "--seed", "--report", "--mqtt", "--device-id"] },
        { "outputs-off", ["--simulate"] },
    };

    [Theory]
    [MemberData(nameof(VerbsAndTheirOptions))]
    public async Task Help_of_every_verb_exits_0_and_names_its_options(string verb, string[] options)
    {
        foreach (var help in new[] { "--help", "-h" })
        {
            var (code, stdout, stderr) = await DeviceCli.RunAsync([.. verb.Split(' ', StringSplitOptions.RemoveEmptyEntries), help]);

            Assert.Equal((0, ""), (code, stderr));
            Assert.StartsWith($"usage: {string.Join(' ', new[] { "ampsdevice", verb }.Where(w => w.Length > 0))}", stdout, StringComparison.Ordinal);
            Assert.All(options, option => Assert.Contains(option, stdout, StringComparison.Ordinal));
        }
    }

    public static TheoryData<string> Verbs => new(VerbsAndTheirOptions.Select(row => (string)row[0]));

    [Theory]
    [MemberData(nameof(Verbs))]
    public async Task Help_says_the_usage_once(string verb)
    {
        var (_, stdout, _) = await DeviceCli.RunAsync([.. verb.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"]);

        var usages = stdout.Split('\n').Count(line => line.TrimStart().StartsWith("usage", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(1, usages);
        Assert.Contains("Description:", stdout, StringComparison.Ordinal);
        Assert.Contains("Options:", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outputs_off_on_the_simulator_drives_the_outputs_off_and_exits_0()
    {
        var (code, stdout, stderr) = await DeviceCli.RunAsync("outputs-off", "--simulate");

        Assert.Equal((0, ""), (code, stderr));
        Assert.StartsWith("outputs off (", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("run")]
    [InlineData("validate", "p.json")]
    [InlineData("simulate", "--profile", "p.json")]
    [InlineData("sessions")]
    [InlineData("export", "s-1", "--csv", "x.csv")]
    [InlineData("plan show", "p-001")]
    [InlineData("plan simulate", "--plan", "plan.json")]
    public async Task An_unknown_option_exits_2_with_the_verbs_usage_on_stderr(string verb, params string[] rest)
    {
        var words = verb.Split(' ');
        var (code, stdout, stderr) = await DeviceCli.RunAsync([.. words, .. rest, "--bogus"]);

        Assert.Equal((2, ""), (code, stdout));
        Assert.StartsWith($"{verb}: unknown option --bogus", stderr, StringComparison.Ordinal);
        Assert.Contains($"usage: ampsdevice {verb} ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_option_without_a_verb_is_refused_as_runs_before_anything_starts()
    {
        var (code, stdout, stderr) = await DeviceCli.RunAsync("--simulate", "--bogus");

        Assert.Equal((2, ""), (code, stdout));
        Assert.StartsWith("ampsdevice: unknown option --bogus", stderr, StringComparison.Ordinal);
        Assert.Contains("usage: ampsdevice [run|validate|simulate|sessions|export|plan|outputs-off] [options]", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("simulte", "ampsdevice: unknown verb 'simulte'; did you mean 'simulate'?")]
    [InlineData("sesions", "ampsdevice: unknown verb 'sesions'; did you mean 'sessions'?")]
    [InlineData("valdiate", "ampsdevice: unknown verb 'valdiate'; did you mean 'validate'?")]
    [InlineData("plan simualte", "plan: unknown plan subcommand 'simualte'; did you mean 'simulate'?")]
    [InlineData("frobnicate", "ampsdevice: unknown verb 'frobnicate'; expected run, validate, simulate, sessions, export, plan or outputs-off")]
    public async Task A_mistyped_verb_exits_2_and_suggests_the_verb_it_most_likely_meant(string words, string message)
    {
        var (code, stdout, stderr) = await DeviceCli.RunAsync(words.Split(' '));

        Assert.Equal((2, ""), (code, stdout));
        Assert.Equal(message, stderr.Split('\n')[0]);
    }

    [Fact]
    public async Task Version_prints_the_version_and_exits_0()
    {
        var version = typeof(AmpsDeviceCli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

        var (code, stdout, stderr) = await DeviceCli.RunAsync("--version");

        Assert.Equal((0, version, ""), (code, stdout.Trim(), stderr));
    }

    [Theory]
    [InlineData("sim", "simulate")]
    [InlineData("simulate --sc", "--scenario")]
    [InlineData("plan sh", "show")]
    [InlineData("export s-1 --ch", "--chart")]
    public async Task Completion_offers_the_verbs_and_options_that_fit(string line, string expected)
    {
        var (code, stdout, _) = await DeviceCli.RunAsync($"[suggest:{line.Length}]", line);

        Assert.Equal(0, code);
        Assert.Contains(expected, stdout.Split('\n', StringSplitOptions.TrimEntries));
    }

    [Fact]
    public async Task Outputs_off_opens_the_device_which_drives_every_output_off_and_exits_0()
    {
        var (code, stdout, stderr) = await DeviceCli.RunAsync("outputs-off", "--simulate");
        Assert.Equal((0, ""), (code, stderr));
        Assert.StartsWith("outputs off (", stdout, StringComparison.Ordinal);
    }
}
