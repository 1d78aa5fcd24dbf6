using System.Text.Json.Nodes;
using AmpsDevice.Protocol.Profiles;

namespace AmpsDevice.Protocol.Tests.Profiles;

/// <summary>Every class of error the contract names, each at its exact path with a message a therapist can act on.</summary>
public class ProfileParserErrorTests
{
    [Fact]
    public void Contract_example_is_accepted_as_written()
    {
        var result = ProfileParser.Parse(Samples.ContractExample);

        Assert.Empty(result.Errors);
        var profile = Assert.IsType<StimulusProfile>(result.Value);
        Assert.Equal("Warmth and vibration, level 3", profile.Name);
        Assert.Equal(7, profile.PainStopAt);
        Assert.Equal(6, profile.Steps.Count);
        var thermal = Assert.IsType<ThermalStep>(profile.Steps[0]);
        Assert.Equal(new ThermalStep("pad1", 38.0, 1.0, 60) { ReturnToNeutral = true }, thermal);
        var pressure = Assert.IsType<PressureStep>(profile.Steps[2]);
        Assert.Equal(PressureStep.DefaultTimeoutS, pressure.TimeoutS);
        var parallel = Assert.IsType<ParallelStep>(profile.Steps[5]);
        var pulsed = Assert.IsType<VibrationStep>(parallel.Steps[1]);
        Assert.Equal(VibrationPattern.Pulsed, pulsed.Pattern);
        Assert.Equal(2, pulsed.OnS);
        Assert.Equal(1, pulsed.OffS);
    }

    [Fact]
    public void Target_above_the_limit_reads_exactly_as_the_contract_example()
    {
        var json = Samples.Edit(r => r.Step(0)["targetC"] = 47);

        var error = Samples.SingleError(json, "steps[0].thermal.targetC");

        Assert.Equal("steps[0].thermal.targetC: 47 is above the device limit of 42 °C", error.ToString());
    }

    [Fact]
    public void Target_below_the_limit_is_refused()
    {
        Samples.SingleError(Samples.Edit(r => r.Step(0)["targetC"] = 12.5), "steps[0].thermal.targetC", "12.5 is below the device limit of 15 °C");
    }

    [Fact]
    public void Not_json_is_an_error_with_line_and_byte()
    {
        var error = Samples.SingleError("{\n  \"schema\": \"amps.profile/1\",\n  \"name\": oops\n}", "$", "not valid JSON at line 3, byte 11");

        Assert.DoesNotContain("LineNumber", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("{")]
    [InlineData("{\"schema\": \"amps.profile/1\",}")]
    [InlineData("// a comment\n{}")]
    [InlineData("{} {}")]
    public void Malformed_or_lenient_json_is_refused_at_the_root(string json)
    {
        Samples.SingleError(json, "$", "not valid JSON at line ");
    }

    [Fact]
    public void Bare_NaN_token_is_named_in_the_message()
    {
        var json = Samples.Edit(r => r.Step(0)["targetC"] = 0).Replace("\"targetC\":0", "\"targetC\":NaN", StringComparison.Ordinal);

        Samples.SingleError(json, "$", "NaN and Infinity are not numbers");
    }

    [Fact]
    public void Root_that_is_not_an_object_is_refused()
    {
        Samples.SingleError("[1, 2]", "$", "expected a profile (a JSON object), got a list (array)");
    }

    [Fact]
    public void Half_a_surrogate_pair_in_a_string_or_a_field_name_is_an_error_in_words()
    {
        var result = ProfileParser.Parse("""{"schema":"amps.profile/1","name":"warm\uD800","painStopAt":7,"steps":[{"kind":"rest","durationS":5,"\uDC00":1}]}""");

        Assert.Contains(result.Errors, e => e.ToString() == @"name: is not valid text: invalid UTF-8, or a \u escape that is half of a surrogate pair (\uD800 to \uDFFF alone)");
        Assert.Contains(result.Errors, e => e.Path == "steps[0].rest" && e.Message.StartsWith("a field name is not valid text", StringComparison.Ordinal));
    }

    [Fact]
    public void Invalid_utf8_is_refused_with_its_position()
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes("{\"name\": \"x\"}");
        bytes[10] = 0xFF;

        var result = ProfileParser.Parse(bytes);

        var error = Assert.Single(result.Errors);
        Assert.Equal("$: not UTF-8 text: invalid byte at line 1, byte 11; save the profile as UTF-8", error.ToString());
    }

    [Fact]
    public void Byte_order_mark_is_allowed()
    {
        var bytes = System.Text.Encoding.UTF8.GetPreamble().Concat(System.Text.Encoding.UTF8.GetBytes(Samples.ContractExample)).ToArray();

        Assert.True(ProfileParser.Parse(bytes).IsValid);
    }

    [Fact]
    public void Wrong_type_names_the_expected_and_the_actual_type()
    {
        Samples.SingleError(Samples.Edit(r => r.Step(1)["amplitude"] = true), "steps[1].vibration.amplitude", "expected a number, got true");
        Samples.SingleError(Samples.Edit(r => r.Step(0)["pad"] = 1), "steps[0].thermal.pad", "expected a string, got the number 1");
        Samples.SingleError(Samples.Edit(r => r.Step(0)["returnToNeutral"] = "yes"), "steps[0].thermal.returnToNeutral", "expected true or false, got a string");
        Samples.SingleError(Samples.Edit(r => r["steps"] = new JsonObject()), "steps", "expected a list of steps (a JSON array), got an object");
        Samples.SingleError(Samples.Edit(r => r["steps"]![3] = 5), "steps[3]", "expected a step (a JSON object with a \"kind\"), got the number 5");
    }

    [Fact]
    public void Quoted_number_says_to_remove_the_quotes()
    {
        Samples.SingleError(Samples.Edit(r => r.Step(0)["holdS"] = "60"), "steps[0].thermal.holdS", "got the string \"60\"; write the number without quotes");
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("nan")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("+inf")]
    public void NaN_or_infinity_as_a_string_is_not_a_finite_number(string text)
    {
        Samples.SingleError(Samples.Edit(r => r.Step(1)["frequencyHz"] = text), "steps[1].vibration.frequencyHz", $"\"{text}\" is not a finite number");
    }

    // The profile reader reads its fields as the plan reader does (one JsonFields): these are what the plan
    // reader already did and the profile reader did not.
    [Theory]
    [InlineData("1e999")]
    [InlineData("-1E400")]
    public void A_string_that_reads_as_a_number_too_large_to_be_finite_is_not_a_finite_number(string text)
    {
        Samples.SingleError(Samples.Edit(r => r.Step(1)["frequencyHz"] = text), "steps[1].vibration.frequencyHz", $"\"{text}\" is not a finite number; expected a number");
    }

    [Fact]
    public void Half_a_surrogate_pair_where_a_number_belongs_says_a_number_was_expected()
    {
        var json = Samples.ContractExample.Replace("\"targetC\": 38.0", "\"targetC\": \"3\\uD800\"", StringComparison.Ordinal);

        Samples.SingleError(json, "steps[0].thermal.targetC", "expected a number, got a string that is not valid text");
    }

    [Theory]
    [InlineData("1e400")]
    [InlineData("-1e309")]
    [InlineData("123456789012345678901234567890123456789012345678901234567890e300")]
    public void Number_that_overflows_a_double_is_refused(string number)
    {
        var json = Samples.ContractExample.Replace("\"targetC\": 38.0", $"\"targetC\": {number}", StringComparison.Ordinal);

        Samples.SingleError(json, "steps[0].thermal.targetC", "is too large to be a number the device can use");
    }

    [Fact]
    public void Unknown_field_is_an_error_with_a_suggestion()
    {
        var json = Samples.Edit(r =>
        {
            var step = r.Step(0);
            step.Remove("targetC");
            step["tagetC"] = 38;
        });

        var result = ProfileParser.Parse(json);

        Assert.Equal(
            [
                "steps[0].thermal.tagetC: unknown field (did you mean \"targetC\"?); thermal steps take pad, targetC, rampCPerS, holdS, returnToNeutral, label",
                "steps[0].thermal.targetC: missing required field (a number)",
            ],
            Samples.Lines(result));
    }

    [Fact]
    public void Unknown_top_level_field_is_an_error()
    {
        Samples.SingleError(Samples.Edit(r => r["colour"] = "x"), "colour", "unknown field; a profile takes schema, name, description, painStopAt, steps");
        Samples.SingleError(Samples.Edit(r => r["Name2"] = "x"), "Name2", "unknown field (did you mean \"name\"?)");
    }

    [Fact]
    public void Field_of_another_kind_is_unknown_for_this_kind()
    {
        Samples.SingleError(Samples.Edit(r => r.Step(3)["holdS"] = 5), "steps[3].rest.holdS", "unknown field", "rest steps take durationS, label");
    }

    [Fact]
    public void Field_name_with_odd_characters_is_quoted_in_the_path()
    {
        Samples.SingleError(Samples.Edit(r => r.Step(3)["dur ation"] = 5), "steps[3].rest[\"dur ation\"]", "unknown field");
    }

    [Fact]
    public void Quoted_text_keeps_emoji_escapes_control_characters_and_is_cut_at_40_characters()
    {
        Samples.SingleError(Samples.Edit(r => r.Step(1)["channel"] = "vib\u0001🙂"), "steps[1].vibration.channel", "unknown channel \"vib\\u0001🙂\";");
        Samples.SingleError(Samples.Edit(r => r.Step(1)["channel"] = new string('v', 50)), "steps[1].vibration.channel", $"unknown channel \"{new string('v', 40)}...\";");
    }

    [Fact]
    public void Repeated_field_is_an_error()
    {
        var json = Samples.ContractExample.Replace("\"holdS\": 60 }", "\"holdS\": 60, \"holdS\": 600 }", StringComparison.Ordinal);

        Samples.SingleError(json, "steps[0].thermal.holdS", "appears more than once");
    }

    [Fact]
    public void Unknown_step_kind_lists_the_kinds()
    {
        var error = Samples.SingleError(Samples.Edit(r => r.Step(0)["kind"] = "thermo"), "steps[0].kind");

        Assert.Equal("unknown step kind \"thermo\" (did you mean \"thermal\"?); the kinds are thermal, vibration, pressure, rest, breathing, parallel", error.Message);
    }

    [Fact]
    public void Missing_kind_is_an_error_at_the_kind()
    {
        Samples.SingleError(Samples.Edit(r => r.Step(3).Remove("kind")), "steps[3].kind", "missing required field: every step needs a kind");
    }

    [Fact]
    public void Missing_fields_are_reported_each_at_its_own_path()
    {
        var json = Samples.Edit(r =>
        {
            r.Remove("painStopAt");
            r.Step(2).Remove("toleranceN");
            r.Step(4).Remove("breathsPerMin");
        });

        Assert.Equal(
            [
                "painStopAt: missing required field (a number)",
                "steps[2].pressure.toleranceN: missing required field (a number)",
                "steps[4].breathing.breathsPerMin: missing required field (a number)",
            ],
            Samples.Lines(ProfileParser.Parse(json)));
    }

    [Fact]
    public void Empty_step_list_is_refused()
    {
        Samples.SingleError(Samples.WithSteps("[]"), "steps", "the profile has no steps; at least one is required");
    }

    [Fact]
    public void Empty_parallel_is_refused()
    {
        Samples.SingleError(Samples.WithSteps("""[ { "kind": "parallel", "steps": [] } ]"""), "steps[0].parallel.steps", "a parallel step needs at least one step");
    }

    [Fact]
    public void Nested_parallel_is_refused()
    {
        var json = Samples.WithSteps("""[ { "kind": "parallel", "steps": [ { "kind": "parallel", "steps": [ { "kind": "rest", "durationS": 5 } ] } ] } ]""");

        Samples.SingleError(json, "steps[0].parallel.steps[0].kind", "a parallel step cannot contain another parallel step");
    }

    [Fact]
    public void Same_channel_twice_in_a_parallel_step_is_refused()
    {
        var json = Samples.Edit(r => r.Step(5)["steps"]![1]!["channel"] = "vib1");
        var accepted = ProfileParser.Parse(json);
        Assert.True(accepted.IsValid, string.Join("\n", Samples.Lines(accepted))); // vib1 is free inside the parallel step

        var clash = Samples.WithSteps("""
            [ { "kind": "parallel", "steps": [
                { "kind": "breathing", "channel": "vib2", "breathsPerMin": 6, "durationS": 30 },
                { "kind": "vibration", "channel": "vib2", "frequencyHz": 100, "amplitude": 0.2, "durationS": 20, "pattern": "continuous" } ] } ]
            """);

        Samples.SingleError(clash, "steps[0].parallel.steps[1].vibration.channel", "\"vib2\" is already used by steps[0].parallel.steps[0]");
    }

    [Fact]
    public void Same_pad_twice_in_a_parallel_step_is_refused()
    {
        var json = Samples.WithSteps("""
            [ { "kind": "parallel", "steps": [
                { "kind": "thermal", "pad": "pad1", "targetC": 36, "rampCPerS": 1, "holdS": 10 },
                { "kind": "thermal", "pad": "pad1", "targetC": 30, "rampCPerS": 1, "holdS": 10 } ] } ]
            """);

        Samples.SingleError(json, "steps[0].parallel.steps[1].thermal.pad", "\"pad1\" is already used by steps[0].parallel.steps[0]");
    }

    [Fact]
    public void Unknown_channel_lists_the_device_channels()
    {
        Samples.SingleError(Samples.Edit(r => r.Step(1)["channel"] = "vib3"), "steps[1].vibration.channel", "unknown channel \"vib3\"; this device's vibration channels are vib1, vib2");
    }

    [Fact]
    public void Channel_of_the_wrong_kind_is_refused()
    {
        Samples.SingleError(Samples.Edit(r => r.Step(0)["pad"] = "vib1"), "steps[0].thermal.pad", "\"vib1\" is a vibration channel, not a pad; this device's pads are pad1, pad2");
        Samples.SingleError(Samples.Edit(r => r.Step(2)["channel"] = "pad1"), "steps[2].pressure.channel", "\"pad1\" is a pad, not a pressure channel");
        Samples.SingleError(Samples.Edit(r => r.Step(4)["channel"] = "pressure2"), "steps[4].breathing.channel", "\"pressure2\" is a pressure channel, not a vibration channel");
    }

    [Fact]
    public void Pulsed_without_on_and_off_times_is_refused()
    {
        var json = Samples.Edit(r =>
        {
            var pulsed = r.Step(5)["steps"]![1]!.AsObject();
            pulsed.Remove("onS");
            pulsed.Remove("offS");
        });

        Assert.Equal(
            [
                "steps[5].parallel.steps[1].vibration.onS: missing required field: a pulsed pattern needs onS and offS (seconds on, seconds off)",
                "steps[5].parallel.steps[1].vibration.offS: missing required field: a pulsed pattern needs onS and offS (seconds on, seconds off)",
            ],
            Samples.Lines(ProfileParser.Parse(json)));
    }

    [Fact]
    public void On_and_off_times_on_a_continuous_pattern_are_refused()
    {
        Samples.SingleError(Samples.Edit(r => r.Step(1)["onS"] = 2), "steps[1].vibration.onS", "only a pulsed pattern takes onS");
    }

    [Fact]
    public void Unknown_pattern_is_refused()
    {
        Samples.SingleError(Samples.Edit(r => r.Step(1)["pattern"] = "pulse"), "steps[1].vibration.pattern", "\"pulse\" is not a pattern; expected \"continuous\" or \"pulsed\"");
    }

    [Fact]
    public void Continuous_bout_over_60_s_is_refused_and_60_s_is_accepted()
    {
        Assert.True(ProfileParser.Parse(Samples.Edit(r => r.Step(1)["durationS"] = 60)).IsValid);

        Samples.SingleError(Samples.Edit(r => r.Step(1)["durationS"] = 61), "steps[1].vibration.durationS",
            "a continuous bout of 61 s is above the device limit of 60 s; split it with a rest or use a pulsed pattern");
    }

    [Fact]
    public void Pulsed_on_time_over_60_s_is_refused_but_a_long_pulsed_step_is_not()
    {
        Assert.True(ProfileParser.Parse(Samples.Edit(r => r.Step(5)["steps"]![1]!["durationS"] = 300)).IsValid);

        Samples.SingleError(Samples.Edit(r => r.Step(5)["steps"]![1]!["onS"] = 75), "steps[5].parallel.steps[1].vibration.onS",
            "an on-time of 75 s is above the device limit of 60 s for one bout");
    }

    [Fact]
    public void Continuous_vibration_running_on_across_steps_is_one_bout()
    {
        var json = Samples.WithSteps("""
            [ { "kind": "vibration", "channel": "vib1", "frequencyHz": 100, "amplitude": 0.3, "durationS": 40, "pattern": "continuous" },
              { "kind": "rest", "durationS": 5 },
              { "kind": "vibration", "channel": "vib1", "frequencyHz": 100, "amplitude": 0.3, "durationS": 40, "pattern": "continuous" } ]
            """);
        Samples.SingleError(json, "steps[2].vibration.durationS", "vib1 would vibrate for 85 s from steps[0] on with less than 10 s of rest between");

        Assert.True(ProfileParser.Parse(json.Replace("\"durationS\": 5", "\"durationS\": 10", StringComparison.Ordinal)).IsValid);
        Assert.True(ProfileParser.Parse(json.Replace("\"channel\": \"vib1\", \"frequencyHz\": 100, \"amplitude\": 0.3, \"durationS\": 40, \"pattern\": \"continuous\" } ]", "\"channel\": \"vib2\", \"frequencyHz\": 100, \"amplitude\": 0.3, \"durationS\": 40, \"pattern\": \"continuous\" } ]", StringComparison.Ordinal)).IsValid);
    }

    [Theory]
    [InlineData(0, "0 °C/s would never reach the target; the ramp must be 0.05 to 2 °C/s")]
    [InlineData(-1, "-1 °C/s would never reach the target")]
    [InlineData(2.5, "2.5 is above the device limit of 2 °C/s")]
    [InlineData(0.01, "0.01 is below the device limit of 0.05 °C/s")]
    public void Ramp_of_zero_or_outside_the_limits_is_refused(double ramp, string message)
    {
        Samples.SingleError(Samples.Edit(r => r.Step(0)["rampCPerS"] = ramp), "steps[0].thermal.rampCPerS", message);
    }

    [Theory]
    [InlineData(0, "0 is outside 1..10")]
    [InlineData(11, "11 is outside 1..10")]
    [InlineData(-3, "-3 is outside 1..10")]
    [InlineData(6.5, "6.5 is not a whole number")]
    public void PainStopAt_outside_1_to_10_is_refused(double value, string message)
    {
        Samples.SingleError(Samples.Edit(r => r["painStopAt"] = value), "painStopAt", message);
    }

    [Fact]
    public void PainStopAt_1_and_10_are_accepted()
    {
        Assert.True(ProfileParser.Parse(Samples.Edit(r => r["painStopAt"] = 1)).IsValid);
        Assert.True(ProfileParser.Parse(Samples.Edit(r => r["painStopAt"] = 10)).IsValid);
    }

    [Fact]
    public void Wrong_schema_is_refused()
    {
        Samples.SingleError(Samples.Edit(r => r["schema"] = "amps.profile/2"), "schema", "\"amps.profile/2\" is not a profile schema this device reads; expected \"amps.profile/1\"");
        Samples.SingleError(Samples.Edit(r => r.Remove("schema")), "schema", "missing required field (a string)");
    }

    [Fact]
    public void Other_ranges_are_refused_at_their_fields()
    {
        Samples.SingleError(Samples.Edit(r => r.Step(1)["frequencyHz"] = 350), "steps[1].vibration.frequencyHz", "350 is above the device limit of 300 Hz");
        Samples.SingleError(Samples.Edit(r => r.Step(1)["frequencyHz"] = 5), "steps[1].vibration.frequencyHz", "5 is below the device limit of 20 Hz");
        Samples.SingleError(Samples.Edit(r => r.Step(1)["amplitude"] = 1.2), "steps[1].vibration.amplitude", "1.2 is outside 0..1");
        Samples.SingleError(Samples.Edit(r => r.Step(2)["targetN"] = 55), "steps[2].pressure.targetN", "55 is above the device limit of 50 N");
        Samples.SingleError(Samples.Edit(r => r.Step(2)["toleranceN"] = 0), "steps[2].pressure.toleranceN", "leaves no band to reach");
        Samples.SingleError(Samples.Edit(r => r.Step(2)["toleranceN"] = 12), "steps[2].pressure.toleranceN", "12 is not below targetN (10 N)");
        Samples.SingleError(Samples.Edit(r => { r.Step(2)["targetN"] = 50; r.Step(2)["toleranceN"] = 10; }), "steps[2].pressure.toleranceN", "the band's upper edge, 60 N, reaches the device's pressure trip of 60 N");
        Samples.SingleError(Samples.Edit(r => r.Step(2)["timeoutS"] = 0), "steps[2].pressure.timeoutS", "0 s is not a duration; it must be above 0 s");
        Samples.SingleError(Samples.Edit(r => r.Step(3)["durationS"] = -5), "steps[3].rest.durationS", "-5 s is not a duration");
        Samples.SingleError(Samples.Edit(r => r.Step(4)["breathsPerMin"] = 30), "steps[4].breathing.breathsPerMin", "30 is above the device limit of 20 breaths/min");
        Samples.SingleError(Samples.Edit(r => r.Step(0)["holdS"] = 601), "steps[0].thermal.holdS", "601 is above the device limit of 600 s for one hold");
        Samples.SingleError(Samples.Edit(r => r["name"] = " "), "name", "must not be empty");
        Samples.SingleError(Samples.Edit(r => r.Step(3)["label"] = new string('x', 201)), "steps[3].rest.label", "is 201 characters long; at most 200");
    }

    [Fact]
    public void Over_long_total_duration_is_refused()
    {
        var json = Samples.WithSteps(string.Concat("[", string.Join(",", Enumerable.Repeat("""{ "kind": "rest", "durationS": 1000 }""", 8)), "]"));

        Samples.SingleError(json, "steps", "the total duration 133:20 is above the device limit of 120:00 (m:ss)");
    }

    [Fact]
    public void Total_duration_counts_pressure_timeouts()
    {
        var json = Samples.WithSteps("""
            [ { "kind": "rest", "durationS": 7000 },
              { "kind": "pressure", "channel": "pressure1", "targetN": 10, "toleranceN": 2, "holdS": 100, "timeoutS": 150 } ]
            """);

        Samples.SingleError(json, "steps", "the total duration is 118:20, but up to 120:50 if every pressure step waits its full timeoutS; the device limit is 120:00");
    }

    [Fact]
    public void Long_cold_exposure_is_refused_at_the_step_that_passes_the_limit()
    {
        // 15 °C at 1 °C/s: below 18 °C from 14 s to 14 + 3 + hold + 3 s.
        var ok = Samples.WithSteps("""[ { "kind": "thermal", "pad": "pad1", "targetC": 15, "rampCPerS": 1, "holdS": 114 } ]""");
        Assert.True(ProfileParser.Parse(ok).IsValid, string.Join("\n", Samples.Lines(ProfileParser.Parse(ok))));

        Samples.SingleError(ok.Replace("114", "120", StringComparison.Ordinal), "steps[0].thermal.holdS",
            "pad1 would stay below 18 °C for 126 s in a row (pressure steps at their full timeout), above the device limit of 120 s");
    }

    [Fact]
    public void Long_warm_exposure_is_refused_even_within_the_hold_limit()
    {
        // 42 °C at 2 °C/s: above 41 °C for 0.5 s up, the 600 s hold, 0.5 s down.
        var json = Samples.WithSteps("""[ { "kind": "thermal", "pad": "pad2", "targetC": 42, "rampCPerS": 2, "holdS": 600 } ]""");

        Samples.SingleError(json, "steps[0].thermal.holdS", "pad2 would stay above 41 °C for 601 s in a row", "above the device limit of 600 s");
        Assert.True(ProfileParser.Parse(json.Replace("600", "599", StringComparison.Ordinal)).IsValid);
    }

    [Fact]
    public void Vibration_dose_over_the_daily_action_value_is_refused()
    {
        static string Pulsed(string channel) =>
            $$"""{ "kind": "vibration", "channel": "{{channel}}", "frequencyHz": 200, "amplitude": 1, "durationS": 600, "pattern": "pulsed", "onS": 60, "offS": 10 }""";

        // Each step is on for 8 x 60 + 40 = 520 s at 10 m/s²: three give A(8) 2.33, four give 2.69 m/s².
        var three = Samples.WithSteps($"[{Pulsed("vib1")}, {Pulsed("vib2")}, {Pulsed("vib1")}]");
        var four = Samples.WithSteps($"[{Pulsed("vib1")}, {Pulsed("vib2")}, {Pulsed("vib1")}, {Pulsed("vib2")}]");

        Assert.True(ProfileParser.Parse(three).IsValid);
        Assert.Equal(2.33, ProfileParser.Parse(three).Value!.Peaks().VibrationA8MPerS2, 2);
        Samples.SingleError(four, "steps", "the session's vibration dose A(8) of 2.69 m/s² is above the device limit of 2.5 m/s²");
    }

    [Fact]
    public void Cold_held_through_later_steps_counts_as_one_exposure()
    {
        var json = Samples.WithSteps("""
            [ { "kind": "thermal", "pad": "pad2", "targetC": 16, "rampCPerS": 2, "holdS": 60, "returnToNeutral": false },
              { "kind": "pressure", "channel": "pressure1", "targetN": 10, "toleranceN": 2, "holdS": 10 },
              { "kind": "thermal", "pad": "pad2", "targetC": 32, "rampCPerS": 2, "holdS": 0 } ]
            """);

        // Below 18 °C from 7 s: 1 s ramp + 60 s hold + 70 s pressure (worst case) + 1 s ramp = 132 s.
        Samples.SingleError(json, "steps[0].thermal.holdS", "pad2 would stay below 18 °C for 132 s in a row");
    }

    [Fact]
    public void Many_errors_are_reported_together_in_document_order()
    {
        var json = Samples.Edit(r =>
        {
            r["painStopAt"] = 12;
            r.Step(0)["targetC"] = 47;
            r.Step(1)["colour"] = "red";
            r.Step(2)["kind"] = "squeeze";
            r.Step(5)["steps"]![1]!["amplitude"] = "NaN";
        });

        var lines = Samples.Lines(ProfileParser.Parse(json));

        Assert.Equal(5, lines.Count);
        Assert.StartsWith("painStopAt: 12 is outside 1..10", lines[0], StringComparison.Ordinal);
        Assert.Equal("steps[0].thermal.targetC: 47 is above the device limit of 42 °C", lines[1]);
        Assert.StartsWith("steps[1].vibration.colour: unknown field", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("steps[2].kind: unknown step kind \"squeeze\"", lines[3], StringComparison.Ordinal);
        Assert.Equal("steps[5].parallel.steps[1].vibration.amplitude: \"NaN\" is not a finite number; expected a number", lines[4]);
    }

    [Fact]
    public void A_mistyped_field_does_not_hide_range_errors_in_the_same_step()
    {
        var json = Samples.Edit(r =>
        {
            r.Step(0)["pad"] = 7;
            r.Step(0)["targetC"] = 50;
        });

        Assert.Equal(
            ["steps[0].thermal.pad: expected a string, got the number 7", "steps[0].thermal.targetC: 50 is above the device limit of 42 °C"],
            Samples.Lines(ProfileParser.Parse(json)));
    }

    [Fact]
    public void Errors_are_capped_for_garbage_with_thousands_of_faults()
    {
        var json = Samples.WithSteps(string.Concat("[", string.Join(",", Enumerable.Repeat("""{ "kind": "rest", "durationS": -1 }""", 400)), "]"));

        var result = ProfileParser.Parse(json);

        Assert.Equal(201, result.Errors.Count);
        Assert.Equal("$: 200 more errors not shown", result.Errors[^1].ToString());
    }

    [Fact]
    public void Parse_from_a_json_element_reports_the_same_errors()
    {
        using var doc = System.Text.Json.JsonDocument.Parse(Samples.Edit(r => r.Step(0)["targetC"] = 47));

        var result = ProfileParser.Parse(doc.RootElement);

        Assert.Equal(["steps[0].thermal.targetC: 47 is above the device limit of 42 °C"], Samples.Lines(result));
    }
}
