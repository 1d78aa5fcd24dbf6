namespace AmpsDevice.FirmwareHost.Safety;

/// <summary>A rule's breach in one tick: what, where, and a message for the therapist.</summary>
/// <param name="Rule">The rule's name, e.g. <c>pad-over-temperature</c>.</param>
/// <param name="Target">The channel or sensor, e.g. <c>pad1</c> or <c>pad1.safety</c>; empty for the whole device.</param>
/// <param name="Message">What happened and what to check.</param>
/// <param name="DetectedAtS">Control-loop time of the tick that held the evidence, s.</param>
/// <param name="Tick">That tick's number.</param>
public sealed record Trip(string Rule, string Target, AlarmPriority Priority, TripKind Kind, bool Latches, string Message, double DetectedAtS, long Tick);
