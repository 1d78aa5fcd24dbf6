namespace AmpsDevice.FirmwareHost.Sessions.Records;

// What the records file holds for one session, as the sessions and export verbs read it.
// Every time in seconds (…S) is from the session's start (its session-ready or session-started event).

/// <summary>One session: who, what profile (and plan), when, and how it ended.</summary>
/// <param name="Outcome"><c>completed</c>, <c>stopped</c>, <c>safety-stop</c>, <c>interrupted</c> (power cut or crash),
/// or <c>unfinished</c> (still running, or not yet recovered at a start).</param>
public sealed record SessionRecord(
    string SessionId,
    string PatientId,
    string ProfileName,
    string? PlanId,
    int? PlanLevel,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    double? DurationS,
    string Outcome,
    string? Reason,
    int? MaxPain,
    double SampleRateHz,
    string? Origin);

/// <summary>One step as it ran.</summary>
public sealed record StepRecord(int Index, string Name, double StartedAtS, double? EndedAtS, string? Result);

/// <summary>One session event (the <c>events</c> topic's kinds, plus <c>session-interrupted</c>).</summary>
/// <param name="LatencyMs">For a safety trip, patient stop, E-stop or withdrawal: from the tick that held the evidence to every output written safe.</param>
public sealed record EventRecord(
    double AtS,
    DateTimeOffset At,
    string Kind,
    string State,
    int? StepIndex,
    string? Target,
    string? Rule,
    double? Value,
    string? Message,
    string? Result,
    string? Origin,
    double? LatencyMs);

/// <summary>A latched alarm and, once acknowledged, when it cleared.</summary>
public sealed record AlarmRecord(
    string Rule,
    string Target,
    string Priority,
    string Message,
    double RaisedAtS,
    DateTimeOffset RaisedAt,
    double? ClearedAtS,
    DateTimeOffset? ClearedAt);

/// <summary>A pain rating on the 0-10 numeric rating scale.</summary>
public sealed record PainRecord(double AtS, int Value);
