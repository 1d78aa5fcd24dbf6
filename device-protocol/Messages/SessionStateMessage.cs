using System.Text.Json.Serialization;

namespace AmpsDevice.Protocol.Messages;

/// <summary><c>amps/v1/{deviceId}/session</c>, retained, QoS 1: the current session as the dashboard shows it.</summary>
/// <param name="State">The session state.</param>
/// <param name="At">When the state was published.</param>
/// <param name="SessionId">The session's id; absent while idle.</param>
/// <param name="PatientId">The pseudonymous patient id (e.g. <c>p-001</c>); never a name.</param>
/// <param name="ProfileName">The profile's <c>name</c>.</param>
/// <param name="StepIndex">Zero-based index of the current step.</param>
/// <param name="StepCount">Number of top-level steps.</param>
/// <param name="TimeLeftS">Seconds left in the session as planned.</param>
/// <param name="ElapsedS">Seconds since the session started (pauses included).</param>
public sealed record SessionStateMessage(
    SessionState State,
    DateTimeOffset At,
    string? SessionId = null,
    string? PatientId = null,
    string? ProfileName = null,
    int? StepIndex = null,
    int? StepCount = null,
    double? TimeLeftS = null,
    double? ElapsedS = null)
{
    [JsonPropertyOrder(-2)]
    public string Schema { get; init; } = SchemaIds.Session;
}
