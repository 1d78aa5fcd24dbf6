using AmpsDevice.Simulator;
using AmpsDevice.Simulator.Faults;

namespace AmpsDevice.Hardware.Tests;

public class ScenarioTests
{
    private static string Error(string json) =>
        Assert.Throws<ScenarioException>(() => Scenario.Parse(json, SimulatedDeviceLayout.Default)).Message;

    [Fact]
    public void The_contract_example_parses()
    {
        var scenario = Scenario.Parse("""
            { "events": [
                { "at": 95.0, "fault": "heater-stuck-on", "target": "pad1" },
                { "at": 30.0, "patient": "rate-pain", "value": 4 },
                { "at": 50.0, "patient": "withdraw", "target": "pressure1" },
                { "at": 55.0, "patient": "return",   "target": "pressure1" },
                { "at": 60.0, "fault": "i2c-bus-error", "target": "i2c-3", "duration": 2 },
                { "at": 61.0, "fault": "sensor-offset", "target": "pad2.safety", "value": -2.5 },
                { "at": 62.0, "therapist": "ack" }
            ] }
            """, SimulatedDeviceLayout.Default);
        Assert.Equal([30.0, 50.0, 55.0, 60.0, 61.0, 62.0, 95.0], scenario.Events.Select(e => e.At));
        var pain = scenario.Events[0];
        Assert.Equal((ScenarioCategory.Patient, "rate-pain", 4.0), (pain.Category, pain.Kind, pain.Value!.Value));
        Assert.False(pain.IsHardware);
        Assert.True(scenario.Events[1].IsHardware);
        Assert.Equal("events[0]", scenario.Events[^1].Path);
        Assert.Equal(2.0, scenario.Events[3].DurationS);
        Assert.False(scenario.Events[5].IsHardware);
    }

    [Fact]
    public void A_target_that_is_not_a_channel_names_its_path()
    {
        var message = Error("""{"events":[{"at":1,"fault":"estop"},{"at":2,"fault":"estop"},{"at":3,"fault":"estop"},{"at":4,"fault":"sensor-stuck","target":"pad9"}]}""");
        Assert.Equal("events[3].target: 'pad9' is not a channel of this device", message);
    }

    [Theory]
    [InlineData("""{"events":[{"at":1,"fault":"melt","target":"pad1"}]}""", "events[0].fault: 'melt' is not a fault kind")]
    [InlineData("""{"events":[{"at":1,"fault":"sensor-offset","target":"pad1"}]}""", "events[0].value: missing")]
    [InlineData("""{"events":[{"fault":"estop"}]}""", "events[0].at: missing")]
    [InlineData("""{"events":[{"at":1,"target":"pad1"}]}""", "events[0]: missing its kind")]
    [InlineData("""{"events":[{"at":1,"fault":"estop","patient":"press-stop"}]}""", "events[0].patient: an event has exactly one")]
    [InlineData("""{"events":[{"at":1,"fault":"heater-stuck-on"}]}""", "events[0].target: missing")]
    [InlineData("""{"events":[{"at":1,"fault":"heater-stuck-on","target":"vib1"}]}""", "events[0].target: 'vib1' cannot take 'heater-stuck-on'")]
    [InlineData("""{"events":[{"at":1,"fault":"motor-stuck-on","target":"vib3"}]}""", "events[0].target: 'vib3' is not a channel of this device")]
    [InlineData("""{"events":[{"at":1,"fault":"i2c-bus-error","target":"i2c-7"}]}""", "events[0].target: 'i2c-7' is not a bus of this device")]
    [InlineData("""{"events":[{"at":1,"patient":"rate-pain","value":11}]}""", "events[0].value: 11 is not a pain rating")]
    [InlineData("""{"events":[{"at":"soon","fault":"estop"}]}""", "events[0].at: expected a number, got the string \"soon\"")]
    [InlineData("""{"events":[{"at":-1,"fault":"estop"}]}""", "events[0].at: -1 is negative")]
    [InlineData("""{"events":[{"at":1,"fault":"estop","colour":"red"}]}""", "events[0].colour: unknown field")]
    [InlineData("""{"events":[{"at":1,"fault":"sensor-stuck","target":"pad1","duration":3}]}""", "events[0].duration: 'sensor-stuck' does not end by itself")]
    [InlineData("""{"events":[{"at":1,"therapist":"dance"}]}""", "events[0].therapist: 'dance' is not a therapist kind")]
    [InlineData("""{"evnts":[]}""", "evnts: unknown field")]
    [InlineData("""{}""", "events: missing")]
    [InlineData("""[1]""", "$: expected a scenario (a JSON object), got a list (array)")]
    [InlineData("""{"events":[}""", "$: not valid JSON")]
    public void Every_error_names_its_json_path(string json, string expectedStart)
    {
        Assert.StartsWith(expectedStart, Error(json), StringComparison.Ordinal);
    }

    // Found by fuzzing (docs/safety.md, "Fuzzing"): a \u escape naming half a surrogate pair passes the JSON
    // reader, but reading the string threw InvalidOperationException out of Scenario.Parse.
    [Theory]
    [InlineData("""{"events":[{"at":1,"fault":"\uD800"}]}""", "events[0].fault: is not valid text: invalid UTF-8, or a \\u escape that is half of a surrogate pair")]
    [InlineData("""{"events":[{"at":1,"fault":"heater-stuck-on","target":"pad\uDC00"}]}""", "events[0].target: is not valid text")]
    [InlineData("""{"events":[{"at":"\uD800","fault":"estop"}]}""", "events[0].at: expected a number, got a string that is not valid text")]
    [InlineData("""{"events":[{"at":1,"fault":"estop","\uDBFF":1}]}""", "events[0]: a field name is not valid text")]
    [InlineData("""{"events":[],"\uD800x":1}""", "$: a field name is not valid text")]
    [InlineData("""
        "\uD800"
        """, "$: expected a scenario (a JSON object), got a string")]
    public void Half_a_surrogate_pair_is_refused_naming_its_path(string json, string expectedStart)
    {
        Assert.StartsWith(expectedStart, Error(json), StringComparison.Ordinal);
    }

    // Found by fuzzing (docs/safety.md, "Fuzzing"): an empty field name was refused as ": unknown field", with no path.
    [Theory]
    [InlineData("""{"":1,"events":[]}""", "$[\"\"]: unknown field")]
    [InlineData("""{"events":[{"at":1,"fault":"estop","":2}]}""", "events[0][\"\"]: unknown field")]
    [InlineData("""{"events":[{"at":1,"fault":"estop","a b":2}]}""", "events[0][\"a b\"]: unknown field")]
    [InlineData("""{"events":[{"at":1,"fault":"estop","colour":2}]}""", "events[0].colour: unknown field")]
    public void A_field_name_that_is_no_identifier_is_quoted_in_its_path(string json, string expectedStart)
    {
        Assert.StartsWith(expectedStart, Error(json), StringComparison.Ordinal);
    }

    // Unknown and repeated fields are read by the same JsonFields as a profile's and a plan's.
    [Theory]
    [InlineData("""{"events":[{"at":1,"fault":"estop","duraton":2}]}""", "events[0].duraton: unknown field (did you mean \"duration\"?); an event takes at, fault, patient, therapist, target, value, duration")]
    [InlineData("""{"evnts":[]}""", "evnts: unknown field (did you mean \"events\"?); a scenario takes events, name, description, $schema")]
    [InlineData("""{"events":[{"at":1,"at":2,"fault":"estop"}]}""", "events[0].at: appears more than once; write each field once")]
    [InlineData("""{"events":[{"at":1,"fault":"heatr-stuck-on","target":"pad1"}]}""", "events[0].fault: 'heatr-stuck-on' is not a fault kind (did you mean \"heater-stuck-on\"?); the fault kinds are ")]
    [InlineData("""{"events":[{"at":1,"fault":"estop","target":4}]}""", "events[0].target: expected a string, got the number 4")]
    [InlineData("""{"events":{}}""", "events: expected a list of events (a JSON array), got an object")]
    [InlineData("""{"events":[3]}""", "events[0]: expected an event (a JSON object), got the number 3")]
    [InlineData("""{"name":7,"events":[]}""", "name: expected a string, got the number 7")]
    public void A_scenario_field_is_refused_in_the_words_of_a_profile_field(string json, string expectedStart)
    {
        Assert.StartsWith(expectedStart, Error(json), StringComparison.Ordinal);
    }

    // Scenario files have always taken comments and trailing commas (docs/simulate.md), unlike profiles and plans.
    [Theory]
    [InlineData("{\"events\":[ // the fault\n{\"at\":1,\"fault\":\"estop\"}] /* one */\n}")]
    [InlineData("""{"events":[{"at":1,"fault":"estop",},]}""")]
    public void Comments_and_trailing_commas_are_read_as_scenario_files_always_were(string json)
    {
        var scenario = Scenario.Parse(json, SimulatedDeviceLayout.Default);

        Assert.Equal([(1.0, "estop")], scenario.Events.Select(e => (e.At, e.Kind)));
    }

    [Fact]
    public void Malformed_json_is_refused_with_one_position_counted_from_1()
    {
        Assert.Equal("$: not valid JSON at line 2, byte 12: 'o' is an invalid start of a value", Error("{\n\"events\": [oops]}"));
    }

    // Malformed JSON is worded by the same JsonSyntaxError as profiles and plans, which names NaN and Infinity.
    [Theory]
    [InlineData("""{"events":[{"at":NaN,"fault":"estop"}]}""", "$: not valid JSON at line 1, byte 18: NaN and Infinity are not numbers; write a finite number")]
    [InlineData("{\n\"events\":[{\"at\":-Infinity,\"fault\":\"estop\"}]}", "$: not valid JSON at line 2, byte 18: NaN and Infinity are not numbers; write a finite number")]
    public void NaN_or_infinity_in_a_scenario_is_named_as_what_it_is(string json, string expected)
    {
        Assert.Equal(expected, Error(json));
    }

    [Fact]
    public void An_unreadable_file_is_a_scenario_exception()
    {
        var ex = Assert.Throws<ScenarioException>(() => Scenario.Load("/nonexistent/scenario.json", SimulatedDeviceLayout.Default));
        Assert.Contains("/nonexistent/scenario.json", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_over_a_mebibyte_or_a_stream_that_never_ends_is_refused_without_reading_it_all()
    {
        var path = Path.Combine(Path.GetTempPath(), $"scenario-{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllText(path, "{ \"events\": [] }" + new string(' ', 1 << 20));
            var large = Assert.Throws<ScenarioException>(() => Scenario.Load(path, SimulatedDeviceLayout.Default));
            Assert.Equal($"{path}: cannot read the scenario: the scenario is {(1 << 20) + 16} bytes; a scenario may be at most 1048576 bytes (1 MiB)", large.Message);
        }
        finally
        {
            File.Delete(path);
        }

        var endless = Assert.Throws<ScenarioException>(() => Scenario.Load("/dev/zero", SimulatedDeviceLayout.Default));
        Assert.Equal("/dev/zero: cannot read the scenario: the scenario is larger than 1048576 bytes (1 MiB), the most a scenario may be", endless.Message);
    }

    [Fact]
    public void A_file_with_a_byte_order_mark_parses()
    {
        var path = Path.Combine(Path.GetTempPath(), $"scenario-{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllText(path, """{ "events": [ { "at": 1, "patient": "rate-pain", "value": 3 } ] }""", new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
            Assert.Single(Scenario.Load(path, SimulatedDeviceLayout.Default).Events);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Channel_names_parse_strictly()
    {
        var layout = SimulatedDeviceLayout.Default;
        Assert.True(layout.HasChannel("pad2.safety"));
        Assert.True(layout.HasChannel("pressure2"));
        Assert.False(layout.HasChannel("pad0"));
        Assert.False(layout.HasChannel("pad01"));
        Assert.False(layout.HasChannel("vib1.control"));
        Assert.False(layout.HasChannel("pad1.heater"));
        Assert.False(layout.HasChannel("PAD1"));
    }
}
