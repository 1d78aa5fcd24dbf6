using System.Text.Json;
using AmpsDevice.Protocol.Messages;

namespace AmpsDevice.Protocol.Tests.Messages;

public class MessageJsonTests
{
    [Fact]
    public void Payloads_are_camel_case_with_schema_and_kebab_case_states_and_no_nulls()
    {
        var json = JsonSerializer.Serialize(
            new SessionStateMessage(SessionState.SafetyStop, DateTimeOffset.UnixEpoch, "s-1", "p-001", StepIndex: 2),
            ProtocolJsonContext.Default.SessionStateMessage);
        Assert.StartsWith("{\"schema\":\"amps.session/1\"", json);
        Assert.Contains("\"state\":\"safety-stop\"", json);
        Assert.Contains("\"patientId\":\"p-001\"", json);
        Assert.Contains("\"stepIndex\":2", json);
        Assert.DoesNotContain("null", json);

        var ev = JsonSerializer.Serialize(new DeviceEvent(EventKind.PainRating, DateTimeOffset.UnixEpoch, Value: 4), ProtocolJsonContext.Default.DeviceEvent);
        Assert.StartsWith("{\"schema\":\"amps.event/1\",\"late\":false", ev);
        Assert.Contains("\"kind\":\"pain-rating\"", ev);
    }

    [Fact]
    public void Session_start_keeps_the_profile_as_json()
    {
        var cmd = JsonSerializer.Deserialize(
            """{"patientId":"p-001","profile":{"schema":"amps.profile/1","steps":[]},"issuedAt":"2026-01-01T00:00:00Z","id":"c1"}""",
            ProtocolJsonContext.Default.StartSessionCommand)!;
        Assert.Equal("p-001", cmd.PatientId);
        Assert.Equal(JsonValueKind.Object, cmd.Profile!.Value.ValueKind);
        Assert.Equal("amps.profile/1", cmd.Profile.Value.GetProperty("schema").GetString());
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), cmd.IssuedAt);
    }
}
