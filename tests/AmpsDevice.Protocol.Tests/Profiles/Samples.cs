using System.Text.Json.Nodes;
using AmpsDevice.Protocol.Profiles;

namespace AmpsDevice.Protocol.Tests.Profiles;

/// <summary>Profiles and helpers shared by the profile tests.</summary>
internal static class Samples
{
    /// <summary>The example profile of docs/profiles.md (the format's core, accepted as written), verbatim.</summary>
    public const string ContractExample = """
        {
          "schema": "amps.profile/1",
          "name": "Warmth and vibration, level 3",
          "painStopAt": 7,
          "steps": [
            { "kind": "thermal", "pad": "pad1", "targetC": 38.0, "rampCPerS": 1.0, "holdS": 60 },
            { "kind": "vibration", "channel": "vib1", "frequencyHz": 120, "amplitude": 0.4,
              "durationS": 30, "pattern": "continuous" },
            { "kind": "pressure", "channel": "pressure1", "targetN": 10, "toleranceN": 2, "holdS": 15 },
            { "kind": "rest", "durationS": 20 },
            { "kind": "breathing", "channel": "vib1", "breathsPerMin": 6, "durationS": 60 },
            { "kind": "parallel", "steps": [
              { "kind": "thermal", "pad": "pad2", "targetC": 22.0, "rampCPerS": 0.5, "holdS": 45 },
              { "kind": "vibration", "channel": "vib2", "frequencyHz": 200, "amplitude": 0.3,
                "durationS": 45, "pattern": "pulsed", "onS": 2, "offS": 1 }
            ] }
          ]
        }
        """;

    /// <summary>The contract example with an edit applied to its JSON tree.</summary>
    public static string Edit(Action<JsonObject> edit)
    {
        var root = JsonNode.Parse(ContractExample)!.AsObject();
        edit(root);
        return root.ToJsonString();
    }

    /// <summary>Step <paramref name="index"/> of the contract example as an object.</summary>
    public static JsonObject Step(this JsonObject root, int index) => root["steps"]![index]!.AsObject();

    /// <summary>A minimal profile around the given steps (JSON array text).</summary>
    public static string WithSteps(string stepsJson) =>
        $$"""{ "schema": "amps.profile/1", "name": "test", "painStopAt": 6, "steps": {{stepsJson}} }""";

    /// <summary>The errors of a parse, as contract lines.</summary>
    public static List<string> Lines(ValidationResult<StimulusProfile> result) => [.. result.Errors.Select(e => e.ToString())];

    /// <summary>Parses and asserts exactly one error at <paramref name="path"/> whose message contains every fragment.</summary>
    public static ProfileError SingleError(string json, string path, params string[] fragments) =>
        SingleErrorWith(json, ProfileEnvelope.Absolute(), path, fragments);

    /// <summary>As <see cref="SingleError"/>, against <paramref name="envelope"/>.</summary>
    public static ProfileError SingleErrorWith(string json, ProfileEnvelope envelope, string path, params string[] fragments)
    {
        var result = ProfileParser.Parse(json, envelope);
        Assert.Null(result.Value);
        var error = Assert.Single(result.Errors);
        Assert.Equal(path, error.Path);
        foreach (var fragment in fragments)
        {
            Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
        }

        return error;
    }
}
