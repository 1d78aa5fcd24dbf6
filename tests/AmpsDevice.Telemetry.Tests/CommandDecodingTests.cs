using System.Text;
using System.Text.Json;
using AmpsDevice.FirmwareHost.Telemetry;
using AmpsDevice.Protocol.Messages;
using AmpsDevice.Telemetry.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MQTTnet;

namespace AmpsDevice.Telemetry.Tests;

/// <summary>
/// A malformed command is refused with the field and the problem in words, never with a .NET type's name, and
/// nothing runs. The replies are asserted whole: they are what a therapist's console shows.
/// </summary>
public class CommandDecodingTests
{
    private static readonly string Now = DateTimeOffset.UtcNow.ToString("O");

    public static TheoryData<string, string, string> Malformed => new()
    {
        { CommandNames.SessionStart, """{"patientId":42,"profileId":"x"}""", "patientId: expected a string, got a number (42)" },
        { CommandNames.SessionStart, """{"patientId":"p-001","profileId":["a"]}""", "profileId: expected a string, got an array" },
        { CommandNames.SessionStart, """{"patientId":"p-001","profileId":"x","issuedAt":"yesterday"}""", "issuedAt: expected an ISO 8601 date and time such as 2026-03-01T09:30:00Z, got a string (\"yesterday\")" },
        { CommandNames.SessionStart, """{"patientId":"p-001","profileId":"x","issuedAt":1767225600}""", "issuedAt: expected an ISO 8601 date and time such as 2026-03-01T09:30:00Z, got a number (1767225600)" },
        // Found by fuzzing (docs/safety.md, "Fuzzing"): half a surrogate pair in issuedAt threw InvalidOperationException.
        { CommandNames.FaultAck, """{"issuedAt":"2026-03-01T09\uDBFF:30:00Z"}""", "issuedAt: expected an ISO 8601 date and time such as 2026-03-01T09:30:00Z, got a string (\"2026-03-01T09\\uDBFF:30:00Z\")" },
        // Found by fuzzing too: half a surrogate pair in a field's name threw when any field was looked up.
        { CommandNames.SessionStart, """{"patientId":"p-001","\uD888profile":{}}""", "a field name is not valid text: invalid UTF-8, or a \\u escape that is half of a surrogate pair (\\uD800 to \\uDFFF alone)" },
        { CommandNames.PainRate, """{"value":2,"hop\uDFFF":1}""", "a field name is not valid text: invalid UTF-8, or a \\u escape that is half of a surrogate pair (\\uD800 to \\uDFFF alone)" },
        { CommandNames.SessionStart, """[{"patientId":"p-001"}]""", "expected a JSON object, got an array" },
        { CommandNames.SessionStart, "\"start\"", "expected a JSON object, got a string (\"start\")" },
        { CommandNames.SessionStart, "null", "expected a JSON object, got null" },
        { CommandNames.SessionStart, "{not json", "malformed JSON at line 1, byte 2: 'n' is an invalid start of a property name. Expected a '\"'." },
        { CommandNames.SessionStart, """{"patientId":"p-001",}""", "malformed JSON at line 1, byte 22: The JSON object contains a trailing comma at the end which is not supported in this mode. Change the reader options." },
        { CommandNames.PainRate, """{"value":"four"}""", "value: expected an integer 0..10 (numeric rating scale), got a string (\"four\")" },
        { CommandNames.PainRate, """{"value":4.5}""", "value: expected an integer 0..10 (numeric rating scale), got a number (4.5)" },
        { CommandNames.PainRate, """{"value":true}""", "value: expected an integer 0..10 (numeric rating scale), got a boolean (true)" },
        { CommandNames.PainRate, """{"value":11}""", "value: 11 is outside 0..10 (numeric rating scale)" },
        { CommandNames.PainRate, """{}""", "value is required (an integer 0..10, numeric rating scale)" },
        { CommandNames.ProfilesGet, """{"profileId":{"id":"warmth-3"}}""", "profileId: expected a string, got an object" },
        { CommandNames.FaultAck, """{"id":7}""", "id: expected a string, got a number (7)" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task A_malformed_command_is_refused_naming_the_field_and_the_problem(string name, string payload, string error)
    {
        var (handler, commands) = Handler();
        var outcome = await handler.HandleAsync(Message(name, Encoding.UTF8.GetBytes(payload)), CancellationToken.None);

        Assert.NotNull(outcome);
        Assert.False(outcome.Reply.Ok);
        Assert.Equal(error, outcome.Reply.Error);
        Assert.DoesNotContain("AmpsDevice.", outcome.Reply.Error);
        Assert.DoesNotContain("System.", outcome.Reply.Error);
        Assert.Empty(commands.Calls);
    }

    [Fact]
    public async Task A_string_that_is_not_valid_utf8_is_refused_by_its_field()
    {
        var (handler, commands) = Handler();
        byte[] payload = [.. "{\"patientId\":\""u8, 0xC3, 0x28, .. "\",\"profileId\":\"x\"}"u8];
        var outcome = await handler.HandleAsync(Message(CommandNames.SessionStart, payload), CancellationToken.None);

        Assert.False(outcome!.Reply.Ok);
        Assert.StartsWith("patientId: expected a string of valid UTF-8", outcome.Reply.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", outcome.Reply.Error);
        Assert.Empty(commands.Calls);
    }

    [Fact]
    public async Task A_stop_with_an_unreadable_body_still_stops_and_says_why_in_its_warning()
    {
        var (handler, commands) = Handler();
        var outcome = await handler.HandleAsync(Message(CommandNames.SessionStop, """{"issuedAt":false}"""u8.ToArray()), CancellationToken.None);

        Assert.True(outcome!.Reply.Ok);
        Assert.Equal("issuedAt: expected an ISO 8601 date and time such as 2026-03-01T09:30:00Z, got a boolean (false); session.stop carried out anyway", outcome.Reply.Warning);
        Assert.Equal(1, commands.Count("stop"));
    }

    [Fact]
    public async Task Fields_the_device_does_not_know_are_ignored_and_null_counts_as_absent()
    {
        var (handler, commands) = Handler();
        var outcome = await handler.HandleAsync(Message(CommandNames.SessionStart,
            Encoding.UTF8.GetBytes($$$"""{"patientId":"p-001","profileId":"warmth-3","profile":null,"issuedAt":"{{{Now}}}","note":{"from":"a newer console"}}""")), CancellationToken.None);

        Assert.True(outcome!.Reply.Ok, outcome.Reply.Error);
        var request = (FirmwareHost.Sessions.StartSessionRequest)Assert.Single(commands.Calls).Argument!;
        Assert.Equal(("p-001", "warmth-3", (JsonElement?)null), (request.PatientId, request.ProfileId, request.Profile));
    }

    private static (CommandHandler Handler, FakeDeviceCommands Commands) Handler()
    {
        var commands = new FakeDeviceCommands();
        var handler = new CommandHandler(commands, new DeviceIdentity("dev-a", HardwareMode.Simulated), Options.Create(new MqttOptions()),
            TimeProvider.System, NullLogger<CommandHandler>.Instance);
        return (handler, commands);
    }

    private static MqttApplicationMessage Message(string name, byte[] payload) =>
        new MqttApplicationMessageBuilder()
            .WithTopic(new DeviceIdentity("dev-a", HardwareMode.Simulated).Topics.Command(name))
            .WithPayload(payload)
            .WithCorrelationData(Guid.NewGuid().ToByteArray())
            .Build();
}
