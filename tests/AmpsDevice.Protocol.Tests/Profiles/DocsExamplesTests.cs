using System.Text.Json;
using AmpsDevice.Protocol.Profiles;

namespace AmpsDevice.Protocol.Tests.Profiles;

/// <summary>The worked examples in docs/examples are valid, and the contract example is among them verbatim.</summary>
public class DocsExamplesTests
{
    private static string ExamplesDir => Path.Combine(Repository.Root, "docs", "examples");

    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var file in ProfileFiles())
        {
            data.Add(file);
        }

        return data;
    }

    /// <summary>Every docs/examples/*.json except the simulator's scenario files (<c>scenario-*.json</c>, see docs/simulator.md)
    /// and the patient plans (<c>plan-*.json</c>, see docs/plans.md).</summary>
    private static IEnumerable<string> ProfileFiles() =>
        Directory.EnumerateFiles(ExamplesDir, "*.json")
            .Select(f => Path.GetFileName(f))
            .Where(name => !name.StartsWith("scenario-", StringComparison.Ordinal) && !name.StartsWith("plan-", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_example_profile_is_valid(string file)
    {
        var result = ProfileParser.ParseFile(Path.Combine(ExamplesDir, file));

        Assert.True(result.IsValid, string.Join("\n", Samples.Lines(result)));
    }

    [Fact]
    public void There_are_at_least_the_four_required_examples()
    {
        var names = ProfileFiles().ToList();

        Assert.True(names.Count >= 4, string.Join(", ", names));
        Assert.Contains("contract-example.json", names);
    }

    [Fact]
    public void The_contract_example_file_is_the_contract_text()
    {
        var file = File.ReadAllText(Path.Combine(ExamplesDir, "contract-example.json"));

        Assert.Equal(Samples.ContractExample, file.ReplaceLineEndings("\n").TrimEnd('\n'));
        Assert.Equal(Normalize(Samples.ContractExample), Normalize(file));
    }

    [Fact]
    public void The_schema_is_json_schema_2020_12_and_names_every_step_kind()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.Root, "docs", "profile.schema.json")));
        var text = schema.RootElement.GetRawText();

        Assert.Equal("https://json-schema.org/draft/2020-12/schema", schema.RootElement.GetProperty("$schema").GetString());
        foreach (var kind in new[] { "thermal", "vibration", "pressure", "rest", "breathing", "parallel" })
        {
            Assert.Contains($"\"{kind}\"", text, StringComparison.Ordinal);
        }
    }

    private static string Normalize(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return JsonSerializer.Serialize(doc.RootElement);
    }
}
