using System.Text.Json;
using System.Text.Json.Serialization;

namespace AmpsDevice.Protocol.Messages;

/// <summary>
/// <c>amps/v1/{deviceId}/events</c>, QoS 1, not retained; stored and forwarded, so none is lost in an outage.
/// </summary>
/// <param name="Kind">What happened.</param>
/// <param name="At">When it happened (device wall clock).</param>
/// <param name="SessionId">The session it belongs to, if any.</param>
/// <param name="Target">The channel or sensor concerned (<c>pad1</c>, <c>pressure1</c>, <c>pad1.safety</c>), if any.</param>
/// <param name="Rule">For safety trips: the rule that tripped (<c>pad-over-temperature</c>).</param>
/// <param name="Value">A numeric value: the pain rating (0-10), the step index, a measured value.</param>
/// <param name="Message">A short human-readable sentence.</param>
/// <param name="Origin">Where a command came from: <c>local</c>, <c>remote</c>, <c>scenario</c>.</param>
/// <param name="Details">Anything else, as a JSON object.</param>
public sealed record DeviceEvent(
    EventKind Kind,
    DateTimeOffset At,
    string? SessionId = null,
    string? Target = null,
    string? Rule = null,
    double? Value = null,
    string? Message = null,
    string? Origin = null,
    JsonElement? Details = null)
{
    [JsonPropertyOrder(-2)]
    public string Schema { get; init; } = SchemaIds.Event;

    /// <summary>True when delivered after an outage (set by the device's outbox, never by the producer).</summary>
    [JsonPropertyOrder(-1)]
    public bool Late { get; init; }
}
