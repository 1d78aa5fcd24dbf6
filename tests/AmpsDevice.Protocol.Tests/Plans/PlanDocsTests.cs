using System.Text.Json;
using AmpsDevice.Protocol.Plans;
using AmpsDevice.Protocol.Tests.Profiles;

namespace AmpsDevice.Protocol.Tests.Plans;

/// <summary>docs/plan.schema.json and the worked example agree with the device's reader.</summary>
public class PlanDocsTests
{
    [Fact]
    public void The_schema_is_json_schema_2020_12_and_has_every_field_the_device_writes_and_no_other()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.Root, "docs", "plan.schema.json")));
        using var canonical = JsonDocument.Parse(PlanJson.Serialize(PlanSamples.ExamplePlan with { Description = "x" }));
        var properties = schema.RootElement.GetProperty("properties");

        Assert.Equal("https://json-schema.org/draft/2020-12/schema", schema.RootElement.GetProperty("$schema").GetString());
        Assert.False(schema.RootElement.GetProperty("additionalProperties").GetBoolean());
        Assert.Equal(
            canonical.RootElement.EnumerateObject().Select(p => p.Name).Append("profileId").Order(StringComparer.Ordinal),
            properties.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(
            canonical.RootElement.GetProperty("progression").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal),
            properties.GetProperty("progression").GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(
            new[] { "amplitude", "coldC", "forceN", "heatC" },
            properties.GetProperty("ceiling").GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_worked_example_is_valid_and_already_canonical_in_its_fields()
    {
        var result = PlanSamples.Parse(PlanSamples.Example);

        Assert.True(result.IsValid, string.Join("\n", PlanSamples.Lines(result)));
        using var example = JsonDocument.Parse(PlanSamples.Example);
        using var canonical = JsonDocument.Parse(PlanJson.Serialize(result.Value!));
        Assert.Equal(
            canonical.RootElement.EnumerateObject().Select(p => p.Name),
            example.RootElement.EnumerateObject().Select(p => p.Name));
    }
}
