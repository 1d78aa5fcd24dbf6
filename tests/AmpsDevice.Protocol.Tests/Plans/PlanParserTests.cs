using System.Text;
using AmpsDevice.Protocol.Envelope;
using AmpsDevice.Protocol.Plans;
using AmpsDevice.Protocol.Profiles;
using static AmpsDevice.Protocol.Tests.Plans.PlanSamples;

namespace AmpsDevice.Protocol.Tests.Plans;

/// <summary>amps.plan/1: the example reads, every level is generated as documented, and every bad plan is refused with JSON paths.</summary>
public class PlanParserTests
{
    [Fact]
    public void The_example_plan_reads_with_its_fields_and_the_issue_default_rules()
    {
        var plan = ExamplePlan;

        Assert.Equal("p-001", plan.PatientId);
        Assert.Equal((1, 1, 10, 1, 8), (plan.StartLevel, plan.MinLevel, plan.MaxLevel, plan.SessionsPerDay, plan.Weeks));
        Assert.Equal(new LevelCeiling(40.0, null, 0.5, null), plan.Ceiling);
        Assert.Equal(ProgressionRules.Default, plan.Progression);
        Assert.Equal(new ProgressionRules(2, 3, 7, true, true), ProgressionRules.Default);
    }

    [Fact]
    public void Level_1_is_the_profile_as_written_the_top_level_reaches_the_ceiling_and_the_levels_between_are_equal_steps()
    {
        var plan = ExamplePlan;
        static double Warmest(StimulusProfile p) => p.AllSteps().OfType<ThermalStep>().Max(t => t.TargetC);
        static double Strongest(StimulusProfile p) => p.AllSteps().OfType<VibrationStep>().Max(v => v.Amplitude);

        Assert.Equal(ProfileJson.Serialize(plan.Profile with { Name = plan.ProfileAt(1).Name }), ProfileJson.Serialize(plan.ProfileAt(1)));
        Assert.Equal(34.5, Warmest(plan.ProfileAt(1)));
        Assert.Equal(40.0, Warmest(plan.ProfileAt(10)));
        Assert.Equal(0.5, Strongest(plan.ProfileAt(10)));
        var steps = Enumerable.Range(1, 10).Select(l => Warmest(plan.ProfileAt(l))).ToList();
        var diffs = steps.Zip(steps.Skip(1), (a, b) => b - a).ToList();
        Assert.All(diffs, d => Assert.InRange(d, 0.5, 0.75)); // (40 - 34.5) / 9 = 0.61 °C a level, rounded to 0.1
        // The other warm step keeps its proportion of the distance from neutral (2 of 2.5 °C).
        var first = plan.ProfileAt(10).Steps.OfType<ThermalStep>().Single();
        Assert.Equal(32.0 + (2.0 * 8.0 / 2.5), first.TargetC, 1);
        // Durations, frequencies, the pain stop do not change.
        Assert.Equal(plan.Profile.PainStopAt, plan.ProfileAt(10).PainStopAt);
        Assert.Equal(plan.Profile.Steps.OfType<VibrationStep>().Single().FrequencyHz, plan.ProfileAt(10).Steps.OfType<VibrationStep>().Single().FrequencyHz);
        Assert.Contains("(plan level 10)", plan.ProfileAt(10).Name);
    }

    [Fact]
    public void Every_level_of_the_example_is_inside_the_envelope()
    {
        var plan = ExamplePlan;
        for (var level = plan.MinLevel; level <= plan.MaxLevel; level++)
        {
            Assert.Empty(ProfileValidator.Validate(plan.ProfileAt(level), ProfileEnvelope.Absolute()));
            Assert.All(plan.ProfileAt(level).AllSteps().OfType<ThermalStep>(), t => Assert.InRange(t.TargetC, AbsoluteLimits.PadMinTargetC.Value, AbsoluteLimits.PadMaxTargetC.Value));
        }
    }

    [Fact]
    public void A_plan_whose_top_level_would_pass_the_device_limit_is_refused_naming_the_level_and_the_step_never_clipped()
    {
        var result = Parse(Edit(p => p["ceiling"]!["heatC"] = 43.0));

        Assert.False(result.IsValid);
        var error = Assert.Single(result.Errors);
        Assert.Equal("ceiling", error.Path);
        Assert.Contains("level 9 would break", error.Message); // 34.5 + 8/9 of the way to 43 = 42.1 °C; level 10 is not reported again
        Assert.Contains("steps[3].parallel.steps[0].thermal.targetC: 42.1 is above the device limit of 42 °C", error.Message);
    }

    [Fact]
    public void A_level_that_breaks_a_limit_of_a_tightened_envelope_is_refused_at_the_lowest_such_level()
    {
        var envelope = ProfileEnvelope.Absolute().Tighten(padMaxTargetC: 37.0);
        var result = PlanParser.Parse(Example, envelope);

        var errors = result.Errors.Select(e => e.ToString()).ToList();
        Assert.False(result.IsValid);
        Assert.All(result.Errors, e => Assert.Equal("ceiling", e.Path));
        Assert.Contains(errors, e => e.Contains("level 6 would break", StringComparison.Ordinal)); // level 5 reaches 36.9 °C, level 6 37.6 °C
        Assert.DoesNotContain(errors, e => e.Contains("level 7", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("patientId", "\"Anna Smith\"", "patientId", "pseudonymous")]
    [InlineData("schema", "\"amps.plan/2\"", "schema", "amps.plan/1")]
    [InlineData("maxLevel", "0", "maxLevel", "outside 1..20")]
    [InlineData("maxLevel", "2.5", "maxLevel", "not a whole number")]
    [InlineData("maxLevel", "\"10\"", "maxLevel", "without quotes")]
    [InlineData("startLevel", "11", "startLevel", "outside minLevel..maxLevel")]
    [InlineData("sessionsPerDay", "5", "sessionsPerDay", "outside 1..4")]
    [InlineData("weeks", "9", "weeks", "up to eight weeks")]
    [InlineData("name", "\"\"", "name", "must not be empty")]
    [InlineData("ceiling", "{}", "ceiling", "gives no value")]
    [InlineData("ceiling", "[]", "ceiling", "expected a ceiling")]
    [InlineData("progression", "{\"upMaxPain\": 7}", "progression.downAtPain", "not above upMaxPain")]
    [InlineData("progression", "{\"upAfterSessions\": 0}", "progression.upAfterSessions", "outside 1..20")]
    [InlineData("progression", "{\"downOnStop\": \"yes\"}", "progression.downOnStop", "true or false")]
    [InlineData("progression", "{\"stepUp\": 2}", "progression.stepUp", "unknown field")]
    [InlineData("favouriteColour", "\"blue\"", "favouriteColour", "unknown field")]
    public void A_bad_field_is_an_error_at_its_json_path(string field, string json, string path, string fragment)
    {
        var result = Parse(Edit(p => p[field] = System.Text.Json.Nodes.JsonNode.Parse(json)));

        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.Path == path && e.Message.Contains(fragment, StringComparison.Ordinal));
    }

    // Found by fuzzing (docs/safety.md, "Fuzzing"): a \u escape naming half a surrogate pair where a number
    // belongs threw InvalidOperationException out of PlanParser.Parse (the string was read to suggest dropping quotes).
    [Theory]
    [InlineData("\"weeks\": 8", "\"weeks\": \"\\uD800\"", "weeks", "expected a number, got a string")]
    [InlineData("\"maxLevel\": 10", "\"maxLevel\": \"1\\uDC00\"", "maxLevel", "expected a number, got a string")]
    [InlineData("\"patientId\": \"p-001\"", "\"patientId\": \"p\\uD800\"", "patientId", "is not valid text: invalid UTF-8, or a \\u escape that is half of a surrogate pair")]
    [InlineData("\"weeks\": 8", "\"weeks\": 8, \"\\uDBFF\": 1", "$", "a field name is not valid text")]
    public void Half_a_surrogate_pair_is_an_error_at_its_field_never_an_exception(string original, string replacement, string path, string fragment)
    {
        Assert.Contains(original, Example, StringComparison.Ordinal);

        var result = Parse(Example.Replace(original, replacement, StringComparison.Ordinal));

        Assert.Contains(result.Errors, e => e.Path == path && e.Message.Contains(fragment, StringComparison.Ordinal));
    }

    [Fact]
    public void Errors_inside_the_starting_profile_carry_the_profile_prefix_and_all_are_reported_together()
    {
        var result = Parse(Edit(p =>
        {
            p["profile"]!["steps"]![1]!["targetC"] = 47.0;
            p["profile"]!["painStopAt"] = 11;
            p["maxLevel"] = 0;
        }));

        var lines = Lines(result);
        Assert.Contains("profile.steps[1].thermal.targetC: 47 is above the device limit of 42 °C", lines);
        Assert.Contains(lines, l => l.StartsWith("profile.painStopAt: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("maxLevel: ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_ceiling_below_the_starting_profile_or_for_a_stimulus_the_profile_lacks_is_an_error()
    {
        var below = Parse(Edit(p => p["ceiling"]!["heatC"] = 33.0));
        var missing = Parse(Edit(p => p["ceiling"]!["forceN"] = 10.0));
        var notWarm = Parse(Edit(p => p["ceiling"]!["heatC"] = 30.0));

        Assert.Contains(below.Errors, e => e.Path == "ceiling.heatC" && e.Message.Contains("below the profile's warmest step (34.5 °C)", StringComparison.Ordinal));
        Assert.Contains(missing.Errors, e => e.Path == "ceiling.forceN" && e.Message.Contains("no pressure step", StringComparison.Ordinal));
        Assert.Contains(notWarm.Errors, e => e.Path == "ceiling.heatC" && e.Message.Contains("not warm", StringComparison.Ordinal));
    }

    [Fact]
    public void Profile_and_profileId_are_one_or_the_other_and_a_profileId_needs_the_device_store()
    {
        var both = Parse(Edit(p => p["profileId"] = "warm-1"));
        var neither = Parse(Edit(p => p.Remove("profile")));
        var byId = Edit(p => { p.Remove("profile"); p["profileId"] = "warm-1"; });
        var unresolved = Parse(byId);
        var stored = PlanSamples.ExamplePlan.Profile;
        var resolved = PlanParser.Parse(byId, ProfileEnvelope.Absolute(), id => id == "warm-1" ? (stored, null) : (null, "no such profile"));
        var unknown = PlanParser.Parse(byId, ProfileEnvelope.Absolute(), _ => (null, "profileId: no profile 'warm-1' is stored on this device"));

        Assert.Contains(both.Errors, e => e.Path == "profile" && e.Message.Contains("exactly one", StringComparison.Ordinal));
        Assert.Contains(neither.Errors, e => e.Path == "profile");
        Assert.Contains(unresolved.Errors, e => e.Path == "profileId" && e.Message.Contains("--data", StringComparison.Ordinal));
        Assert.True(resolved.IsValid, string.Join("\n", Lines(resolved)));
        Assert.Equal("warm-1", resolved.Value!.ProfileId);
        Assert.Contains(unknown.Errors, e => e.Path == "profileId" && e.Message.Contains("no profile", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{\"schema\": NaN}", "NaN and Infinity are not numbers")]
    [InlineData("{not json", "not valid JSON at line 1")]
    [InlineData("[]", "expected a plan (a JSON object)")]
    [InlineData("null", "expected a plan")]
    [InlineData("", "not valid JSON")]
    public void Garbage_is_one_error_at_the_root_never_an_exception(string json, string fragment)
    {
        var error = Assert.Single(Parse(json).Errors);

        Assert.Equal("$", error.Path);
        Assert.Contains(fragment, error.Message);
    }

    // The plan reader reads its fields as the profile reader does (one JsonFields): these are what the profile
    // reader already did and the plan reader did not.
    [Theory]
    [InlineData("startLevle", "unknown field (did you mean \"startLevel\"?); a plan takes schema, patientId,")]
    [InlineData("WEEKS", "unknown field (did you mean \"weeks\"?)")]
    public void An_unknown_plan_field_close_to_a_known_one_names_it(string field, string message)
    {
        var result = Parse(Edit(p => p[field] = 1));

        var error = Assert.Single(result.Errors);
        Assert.Equal(field, error.Path);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("+inf")]
    [InlineData("Inf")]
    [InlineData(" -Infinity ")]
    [InlineData("∞")]
    [InlineData("1e999")]
    public void Any_spelling_of_infinity_in_a_string_is_not_a_finite_number_in_a_plan(string text)
    {
        var result = Parse(Edit(p => p["ceiling"]!["heatC"] = text));

        var error = Assert.Single(result.Errors);
        Assert.Equal("ceiling.heatC", error.Path);
        Assert.EndsWith("\" is not a finite number; expected a number", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_word_where_a_plan_number_belongs_is_quoted_in_the_error()
    {
        var result = Parse(Edit(p => p["weeks"] = "eight"));

        Assert.Equal("weeks: expected a number, got the string \"eight\"", Assert.Single(Lines(result)));
    }

    [Fact]
    public void NaN_in_a_string_a_number_too_large_deep_nesting_and_a_huge_file_are_refused_cleanly()
    {
        var nanString = Parse(Edit(p => p["ceiling"]!["heatC"] = "NaN"));
        var huge = Parse(Edit(p => p["ceiling"]!["heatC"] = System.Text.Json.Nodes.JsonNode.Parse("1e999")));
        var deep = Parse(new string('[', 100) + new string(']', 100));
        var big = PlanParser.Parse(Encoding.UTF8.GetBytes(new string(' ', PlanParser.MaxBytes + 1)), ProfileEnvelope.Absolute());
        var notUtf8 = PlanParser.Parse(new byte[] { 0x7b, 0xff, 0x7d }, ProfileEnvelope.Absolute());

        Assert.Contains(nanString.Errors, e => e.Path == "ceiling.heatC" && e.Message.Contains("not a finite number", StringComparison.Ordinal));
        Assert.Contains(huge.Errors, e => e.Path == "ceiling.heatC" && e.Message.Contains("too large", StringComparison.Ordinal));
        Assert.Equal("$", Assert.Single(deep.Errors).Path);
        Assert.Contains("at most", Assert.Single(big.Errors).Message);
        Assert.Contains("not UTF-8", Assert.Single(notUtf8.Errors).Message);
    }

    [Fact]
    public void A_missing_file_and_a_folder_are_errors_at_the_file_path()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-plan-{Guid.NewGuid():N}.json");

        Assert.Equal($"{missing}: file not found", Assert.Single(PlanParser.ParseFile(missing, ProfileEnvelope.Absolute()).Errors).ToString());
        Assert.Contains("is a directory", Assert.Single(PlanParser.ParseFile(Path.GetTempPath(), ProfileEnvelope.Absolute()).Errors).Message);
    }

    [Fact]
    public void Canonical_json_reads_back_to_the_same_plan_with_every_default_written_out()
    {
        var minimal = Edit(p => { p.Remove("progression"); p.Remove("minLevel"); p.Remove("startLevel"); p.Remove("weeks"); p.Remove("sessionsPerDay"); });
        var plan = Parse(minimal).Value!;
        var json = PlanJson.Serialize(plan);
        var again = Parse(json).Value!;

        Assert.Equal(json, PlanJson.Serialize(again));
        Assert.Contains("\"upAfterSessions\": 2", json);
        Assert.Contains("\"weeks\": 8", json);
        Assert.Equal((1, 1), (again.StartLevel, again.MinLevel));
    }
}
