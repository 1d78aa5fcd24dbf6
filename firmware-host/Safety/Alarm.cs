namespace AmpsDevice.FirmwareHost.Safety;

/// <summary>A latched alarm, as shown to the therapist and published on <c>alarms</c>.</summary>
public sealed record Alarm(string Rule, string Target, AlarmPriority Priority, TripKind Kind, string Message, double RaisedAtS, DateTimeOffset RaisedAt);
