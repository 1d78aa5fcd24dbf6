using System.Reflection;
using System.Text.RegularExpressions;
using AmpsDevice.FirmwareHost.Safety;

namespace AmpsDevice.Docs.Tests;

/// <summary>
/// docs/safety.md's hazard table keeps itself honest: every test it names exists in a test assembly, and every
/// safety rule of the device has a row.
/// </summary>
public partial class SafetyDocumentTests
{
    /// <summary>Abbreviations the table uses for the two hazard test classes.</summary>
    private static readonly Dictionary<string, string> Prefixes = new()
    {
        ["HS"] = "HazardScenarioTests",
        ["VE"] = "VibrationExposureHazardTests",
    };

    private static readonly string[] TestAssemblies =
    [
        "AmpsDevice.Control.Tests", "AmpsDevice.Hardware.Tests", "AmpsDevice.Protocol.Tests",
        "AmpsDevice.Records.Tests", "AmpsDevice.Safety.Tests", "AmpsDevice.Telemetry.Tests",
    ];

    [Fact]
    public void Every_test_the_hazard_table_names_exists()
    {
        var rows = HazardRows();
        var classes = TestClasses();
        var missing = new List<string>();
        var cited = 0;
        foreach (var row in rows)
        {
            foreach (Match m in TestReference().Matches(row.Test))
            {
                cited++;
                var prefix = m.Groups["prefix"].Value;
                var name = m.Groups["name"].Value;
                if (!Resolves(classes, prefix.Length > 0 ? $"{Prefixes[prefix]}.{name}" : name))
                {
                    missing.Add($"{row.Hazard}: {(prefix.Length > 0 ? prefix + " " : "")}{name}");
                }
            }
        }

        Assert.True(missing.Count == 0, "docs/safety.md names tests that do not exist:\n" + string.Join("\n", missing));
        Assert.True(cited >= rows.Count, $"only {cited} tests cited over {rows.Count} rows");
        Assert.All(rows, r => Assert.Matches(TestReference(), r.Test));
    }

    [Fact]
    public void Every_safety_rule_of_the_device_has_a_row()
    {
        var rules = typeof(SafetyRule).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsClass: true } && t.IsSubclassOf(typeof(SafetyRule)))
            .Select(t => t.Name)
            .ToArray();
        var ruleColumn = string.Join("\n", HazardRows().Select(r => r.Rule));

        Assert.NotEmpty(rules);
        var missing = rules.Where(r => !Regex.IsMatch(ruleColumn, $@"`{r}(\.\w+)?`")).ToArray();
        Assert.True(missing.Length == 0, "rules with no row in docs/safety.md's hazard table: " + string.Join(", ", missing));
    }

    [Fact]
    public void A_name_that_is_no_test_is_caught()
    {
        var classes = TestClasses();
        Assert.True(Resolves(classes, "HazardScenarioTests.Estop_cuts_the_rail_and_latches"));
        Assert.True(Resolves(classes, "BackstopRuleBoundaryTests"));
        Assert.False(Resolves(classes, "HazardScenarioTests.Estop_cuts_the_rail_and_latches_twice"));
        Assert.False(Resolves(classes, "NoSuchTests"));
        Assert.False(Resolves(classes, "Estop_cuts_the_rail_and_latches"), "a bare method name must say its class");
    }

    private sealed record Row(string Hazard, string Rule, string Test);

    /// <summary>The rows of the table under "## Hazard table", split on its header's columns.</summary>
    private static List<Row> HazardRows()
    {
        var lines = File.ReadAllLines(Repository.PathOf("docs", "safety.md"));
        var start = Array.IndexOf(lines, "## Hazard table");
        Assert.True(start >= 0, "docs/safety.md has no \"## Hazard table\" section");
        var table = lines.Skip(start + 1).SkipWhile(l => !l.StartsWith('|')).TakeWhile(l => l.StartsWith('|')).ToArray();
        var header = Cells(table[0]);
        int rule = Array.IndexOf(header, "rule (class) that caught it"), test = Array.IndexOf(header, "test");
        Assert.True(rule >= 0 && test >= 0, "the hazard table's header lost its rule or test column: " + table[0]);
        var rows = table.Skip(2).Select(Cells).Select(c => new Row(c[0], c[rule], c[test])).ToList();
        Assert.True(rows.Count >= 20, $"the hazard table has only {rows.Count} rows");
        return rows;
    }

    private static string[] Cells(string line) => line.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray();

    private static Dictionary<string, Type[]> TestClasses() =>
        TestAssemblies.SelectMany(a => Assembly.Load(a).GetTypes())
            .Where(t => t.IsClass && t.IsPublic)
            .GroupBy(t => t.Name)
            .ToDictionary(g => g.Key, g => g.ToArray());

    /// <summary>A class name, or Class.Method where the method is an xunit test of that class.</summary>
    private static bool Resolves(Dictionary<string, Type[]> classes, string name)
    {
        var dot = name.LastIndexOf('.');
        if (dot < 0)
        {
            return classes.ContainsKey(name) && !name.Contains('_');
        }

        return classes.TryGetValue(name[..dot], out var types) && types.Any(t =>
            t.GetMethods().Any(m => m.Name == name[(dot + 1)..] &&
                m.GetCustomAttributes().Any(a => a is FactAttribute)));
    }

    /// <summary>`Name`, `Class.Method`, or HS/VE `Method`.</summary>
    [GeneratedRegex(@"(?:\b(?<prefix>HS|VE)\s+)?`(?<name>[A-Z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)?)`")]
    private static partial Regex TestReference();
}
