using System.Text.Json;
using AmpsDevice.Protocol.Profiles;

namespace AmpsDevice.Protocol.Tests.Profiles;

public class ProfileJsonTests
{
    [Fact]
    public void Canonical_json_writes_every_field_in_order_with_defaults_spelled_out()
    {
        var profile = new StimulusProfile("p", 5,
        [
            new ThermalStep("pad1", 38, 1, 60) { Label = "warm up" },
            new PressureStep("pressure1", 10, 2, 15),
            new ParallelStep([new VibrationStep("vib2", 200, 0.3, 45, VibrationPattern.Pulsed) { OnS = 2, OffS = 1 }, new RestStep(5)]),
        ]);

        var json = ProfileJson.Serialize(profile);

        Assert.Equal(
            """
            {
              "schema": "amps.profile/1",
              "name": "p",
              "painStopAt": 5,
              "steps": [
                {
                  "kind": "thermal",
                  "pad": "pad1",
                  "targetC": 38,
                  "rampCPerS": 1,
                  "holdS": 60,
                  "returnToNeutral": true,
                  "label": "warm up"
                },
                {
                  "kind": "pressure",
                  "channel": "pressure1",
                  "targetN": 10,
                  "toleranceN": 2,
                  "holdS": 15,
                  "timeoutS": 60
                },
                {
                  "kind": "parallel",
                  "steps": [
                    {
                      "kind": "vibration",
                      "channel": "vib2",
                      "frequencyHz": 200,
                      "amplitude": 0.3,
                      "durationS": 45,
                      "pattern": "pulsed",
                      "onS": 2,
                      "offS": 1
                    },
                    {
                      "kind": "rest",
                      "durationS": 5
                    }
                  ]
                }
              ]
            }
            """.ReplaceLineEndings("\n"),
            json.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Contract_example_round_trips_through_the_parser()
    {
        var profile = ProfileParser.Parse(Samples.ContractExample).Value!;

        var json = ProfileJson.Serialize(profile);
        var again = ProfileParser.Parse(json);

        Assert.True(again.IsValid, string.Join("\n", Samples.Lines(again)));
        Assert.Equal(json, ProfileJson.Serialize(again.Value!));
        Assert.Equal(profile.Steps[0], again.Value!.Steps[0]);
        Assert.Equal(profile.Steps[4], again.Value!.Steps[4]);
        Assert.Equal(profile.NominalDurationS(), again.Value!.NominalDurationS());
        Assert.Equal(json, System.Text.Encoding.UTF8.GetString(ProfileJson.SerializeToUtf8Bytes(profile)));
    }

    [Fact]
    public void Description_and_labels_survive_the_round_trip()
    {
        var json = Samples.Edit(r =>
        {
            r["description"] = "Week 3: warmth on the left forearm.";
            r.Step(3)["label"] = "Rest, \"wiggle\" fingers";
        });

        var profile = ProfileParser.Parse(json).Value!;
        var again = ProfileParser.Parse(ProfileJson.Serialize(profile)).Value!;

        Assert.Equal("Week 3: warmth on the left forearm.", again.Description);
        Assert.Equal("Rest, \"wiggle\" fingers", again.Steps[3].Label);
        using var doc = JsonDocument.Parse(ProfileJson.Serialize(profile));
        Assert.Equal("description", doc.RootElement.EnumerateObject().Skip(2).First().Name);
    }
}
