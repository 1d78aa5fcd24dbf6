using System.Text.Json;
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
/// <param name="ElapsedS">Running time since the session started, s (pauses excluded: the clock of the profile's timeline).</param>
/// <param name="ProfileId">The stored profile's id, when the session was started with <c>profileId</c>.</param>
/// <param name="Profile">The running profile (amps.profile/1, canonical form); present whenever <paramref name="SessionId"/> is.</param>
/// <param name="PainStopAt">The profile's pain stop: a rating at or above it pauses the session.</param>
/// <param name="StepStartedAtS">The <paramref name="ElapsedS"/> at which the current step started.</param>
public sealed record SessionStateMessage(
    SessionState State,
    DateTimeOffset At,
    string? SessionId = null,
    string? PatientId = null,
    string? ProfileName = null,
    int? StepIndex = null,
    int? StepCount = null,
    double? TimeLeftS = null,
    double? ElapsedS = null,
    string? ProfileId = null,
    JsonElement? Profile = null,
    int? PainStopAt = null,
    double? StepStartedAtS = null)
{
    [JsonPropertyOrder(-2)]
    public string Schema { get; init; } = SchemaIds.Session;
}
