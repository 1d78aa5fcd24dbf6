using System.Text.RegularExpressions;
using AmpsDevice.Simulator;
using AmpsDevice.Simulator.Faults;

namespace AmpsDevice.Hardware.Tests;

/// <summary>
/// The scenario format is a contract (docs/simulate.md): every scenario the repository holds as a file (docs/examples,
/// the example in docs/simulate.md, the fuzzing corpus) reads as the events written here, and every file of the corpus
/// that is no scenario is still refused with a path.
/// </summary>
public partial class ScenarioFilesTests
{
    private static readonly ScenarioEvent[] HeaterStuck =
    [
        new(30, ScenarioCategory.Patient, "rate-pain", null, 4, null, "events[0]"),
        new(50, ScenarioCategory.Patient, "withdraw", "pressure1", null, null, "events[1]"),
        new(55, ScenarioCategory.Patient, "return", "pressure1", null, null, "events[2]"),
        new(56, ScenarioCategory.Therapist, "resume", null, null, null, "events[3]"),
        new(95, ScenarioCategory.Fault, "heater-stuck-on", "pad1", null, null, "events[4]"),
    ];

    private static readonly Dictionary<string, ScenarioEvent[]> Expected = new(StringComparer.Ordinal)
    {
        ["docs/examples/scenario-heater-stuck.json"] = HeaterStuck,
        ["tests/fuzz/corpus/scenario/scenario-heater-stuck.json"] = HeaterStuck,
        ["tests/fuzz/corpus/scenario/no-events.json"] = [],
        ["tests/fuzz/corpus/scenario/every-kind.json"] =
        [
            new(1, ScenarioCategory.Fault, "sensor-stuck", "pad1.safety", null, null, "events[0]"),
            new(2, ScenarioCategory.Fault, "sensor-offset", "pressure2", 1.5, null, "events[1]"),
            new(3, ScenarioCategory.Fault, "sensor-noise", "pad2", 0.2, null, "events[2]"),
            new(4, ScenarioCategory.Fault, "i2c-bus-error", "i2c-3", null, 0.5, "events[3]"),
            new(5, ScenarioCategory.Fault, "loop-stall", null, 250, null, "events[4]"),
            new(6, ScenarioCategory.Fault, "pressure-overload", "pressure1", 40, null, "events[5]"),
            new(7, ScenarioCategory.Patient, "press-stop", null, null, 1, "events[6]"),
            new(8, ScenarioCategory.Therapist, "pause", null, null, null, "events[7]"),
            new(9, ScenarioCategory.Fault, "motor-stuck-on", "vib2", null, null, "events[8]"),
            new(10, ScenarioCategory.Fault, "estop", null, null, null, "events[9]"),
            new(11, ScenarioCategory.Therapist, "ack", null, null, null, "events[10]"),
        ],
    };

    public static TheoryData<string> ValidFiles() => [.. Expected.Keys];

    public static TheoryData<string> OtherCorpusFiles() =>
    [
        .. Directory.EnumerateFiles(Repository.PathOf("tests", "fuzz", "corpus", "scenario"))
            .Select(f => Path.GetRelativePath(Repository.Root, f).Replace('\\', '/'))
            .Where(f => !Expected.ContainsKey(f))
            .Order(StringComparer.Ordinal),
    ];

    [Theory]
    [MemberData(nameof(ValidFiles))]
    public void Every_scenario_file_reads_as_its_events(string file)
    {
        var scenario = Scenario.Load(Repository.PathOf(file.Split('/')), SimulatedDeviceLayout.Default);

        Assert.Equal(Expected[file], scenario.Events);
    }

    [Fact]
    public void Every_scenario_among_the_examples_is_listed_here()
    {
        var examples = Directory.EnumerateFiles(Repository.PathOf("docs", "examples"), "scenario-*.json")
            .Select(f => "docs/examples/" + Path.GetFileName(f));

        Assert.All(examples, file => Assert.Contains(file, Expected.Keys));
    }

    [Fact]
    public void The_example_in_docs_simulate_md_reads_as_its_events()
    {
        var doc = File.ReadAllText(Repository.PathOf("docs", "simulate.md"));
        var example = JsonBlock().Matches(doc).Select(m => m.Groups[1].Value).Single(block => block.Contains("\"events\"", StringComparison.Ordinal));

        var scenario = Scenario.Parse(example, SimulatedDeviceLayout.Default);

        Assert.Equal([HeaterStuck[0], HeaterStuck[1], HeaterStuck[2], HeaterStuck[4] with { Path = "events[3]" }], scenario.Events);
    }

    [Theory]
    [MemberData(nameof(OtherCorpusFiles))]
    public void Every_other_file_of_the_fuzzing_corpus_is_refused_naming_a_path(string file)
    {
        var ex = Assert.Throws<ScenarioException>(() => Scenario.Load(Repository.PathOf(file.Split('/')), SimulatedDeviceLayout.Default));

        Assert.Matches(@"^(\$|[A-Za-z_])[^:]*: ", ex.Message); // a JSON path, then the problem
    }

    [GeneratedRegex("```json\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();
}
