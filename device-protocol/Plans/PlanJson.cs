using System.Text.Json;
using System.Text.Json.Nodes;
using AmpsDevice.Protocol.Profiles;

namespace AmpsDevice.Protocol.Plans;

/// <summary>
/// Writes plans as canonical JSON: every field written out (defaults included) and the starting profile
/// always inline, so a stored plan keeps the profile it was checked with even if a stored profile of the
/// same id changes later. The output reads back through <see cref="PlanParser"/> to an equal plan.
/// </summary>
public static class PlanJson
{
    /// <summary>The canonical JSON of <paramref name="plan"/> as a node, to embed in a larger document.</summary>
    public static JsonObject ToNode(TherapyPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var ceiling = new JsonObject();
        Add(ceiling, "heatC", plan.Ceiling.HeatC);
        Add(ceiling, "coldC", plan.Ceiling.ColdC);
        Add(ceiling, "amplitude", plan.Ceiling.Amplitude);
        Add(ceiling, "forceN", plan.Ceiling.ForceN);
        var node = new JsonObject
        {
            ["schema"] = TherapyPlan.SchemaId,
            ["patientId"] = plan.PatientId,
            ["name"] = plan.Name,
        };
        if (plan.Description is not null)
        {
            node["description"] = plan.Description;
        }

        node["profile"] = JsonNode.Parse(ProfileJson.Serialize(plan.Profile));
        node["ceiling"] = ceiling;
        node["startLevel"] = plan.StartLevel;
        node["minLevel"] = plan.MinLevel;
        node["maxLevel"] = plan.MaxLevel;
        node["sessionsPerDay"] = plan.SessionsPerDay;
        node["weeks"] = plan.Weeks;
        node["progression"] = new JsonObject
        {
            ["upAfterSessions"] = plan.Progression.UpAfterSessions,
            ["upMaxPain"] = plan.Progression.UpMaxPain,
            ["downAtPain"] = plan.Progression.DownAtPain,
            ["downOnStop"] = plan.Progression.DownOnStop,
            ["downOnWithdrawal"] = plan.Progression.DownOnWithdrawal,
        };
        return node;
    }

    /// <summary>The canonical JSON of <paramref name="plan"/>, indented.</summary>
    public static string Serialize(TherapyPlan plan) => ToNode(plan).ToJsonString(Indented);

    internal static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static void Add(JsonObject node, string name, double? value)
    {
        if (value is { } v)
        {
            node[name] = v;
        }
    }
}
