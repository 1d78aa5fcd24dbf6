using AmpsDevice.Protocol.Plans;
using AmpsDevice.Protocol.Profiles;

namespace AmpsDevice.Control.Tests.Plans;

/// <summary>The example plan, a short-session plan for runs of many weeks, and temporary data folders.</summary>
internal static class PlanFiles
{
    public static string Root => Repository.Root;

    public static string ExamplePath => Path.Combine(Root, "docs", "examples", "plan-warmth-vibration.json");

    public static TherapyPlan Example => PlanParser.ParseFile(ExamplePath, ProfileEnvelope.Absolute()).Value
        ?? throw new InvalidOperationException("the example plan is invalid");

    /// <summary>A plan of about 90 s sessions (warmth, vibration, rest), so that eight weeks of them simulate quickly in a test.</summary>
    public const string ShortSessions = """
        {
          "schema": "amps.plan/1",
          "patientId": "p-042",
          "name": "Short sessions",
          "profile": {
            "schema": "amps.profile/1",
            "name": "Short warmth and buzz",
            "painStopAt": 7,
            "steps": [
              { "kind": "thermal", "pad": "pad1", "targetC": 34.0, "rampCPerS": 0.5, "holdS": 30 },
              { "kind": "vibration", "channel": "vib1", "frequencyHz": 80, "amplitude": 0.1, "durationS": 20, "pattern": "continuous" },
              { "kind": "rest", "durationS": 10 }
            ]
          },
          "ceiling": { "heatC": 40.0, "amplitude": 0.6 },
          "maxLevel": 10
        }
        """;

    public static TherapyPlan Short => PlanParser.Parse(ShortSessions, ProfileEnvelope.Absolute()).Value
        ?? throw new InvalidOperationException("the short plan is invalid");

    /// <summary>A fresh folder under the temp directory; delete it with <see cref="Delete"/>.</summary>
    public static string NewDataDirectory() => TempDirectory.Create("amps-plans");

    public static void Delete(string dir)
    {
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
