using System.Text.Json.Serialization;

namespace AmpsDevice.Protocol.Messages;

/// <summary><c>amps/v1/{deviceId}/alarms</c>, retained, QoS 1: every active alarm (an empty list clears the panel).</summary>
public sealed record AlarmsMessage(IReadOnlyList<AlarmEntry> Active, DateTimeOffset At)
{
    [JsonPropertyOrder(-2)]
    public string Schema { get; init; } = SchemaIds.Alarms;
}

/// <summary>One active alarm.</summary>
/// <param name="Id">Stable id of this alarm instance (acknowledgement refers to it).</param>
/// <param name="Rule">The rule that raised it (<c>pad-over-temperature</c>, <c>outbox-over-bound</c>).</param>
/// <param name="Target">The channel or part concerned, if any.</param>
/// <param name="Priority">high, medium or low.</param>
/// <param name="Message">What happened and what to check.</param>
/// <param name="Latched">Stays until a person acknowledges it; no session starts meanwhile.</param>
/// <param name="RaisedAt">When it was raised.</param>
public sealed record AlarmEntry(
    string Id,
    string Rule,
    string? Target,
    AlarmPriority Priority,
    string Message,
    bool Latched,
    DateTimeOffset RaisedAt);
