using System.Text.Json.Nodes;
using AmpsDevice.Protocol.Plans;
using AmpsDevice.Protocol.Profiles;
using AmpsDevice.Protocol.Tests.Profiles;

namespace AmpsDevice.Protocol.Tests.Plans;

/// <summary>The worked example plan, and edits of it.</summary>
internal static class PlanSamples
{
    public static string ExamplePath => Path.Combine(Repository.Root, "docs", "examples", "plan-warmth-vibration.json");

    public static string Example => File.ReadAllText(ExamplePath);

    public static TherapyPlan ExamplePlan => PlanParser.Parse(Example, ProfileEnvelope.Absolute()).Value
        ?? throw new InvalidOperationException("the example plan is invalid");

    /// <summary>The example plan's JSON after <paramref name="edit"/>.</summary>
    public static string Edit(Action<JsonObject> edit)
    {
        var root = JsonNode.Parse(Example)!.AsObject();
        edit(root);
        return root.ToJsonString();
    }

    public static ValidationResult<TherapyPlan> Parse(string json) => PlanParser.Parse(json, ProfileEnvelope.Absolute());

    public static List<string> Lines(ValidationResult<TherapyPlan> result) => [.. result.Errors.Select(e => e.ToString())];
}
