namespace AmpsDevice.Dashboard.History;

/// <summary>One session as the patient page and the search list show it.</summary>
/// <param name="Outcome">completed, stopped, safety-stop, interrupted; null while it runs (see <paramref name="State"/>).</param>
/// <param name="DurationS">Wall time from the first to the last report (to its end once it ended).</param>
/// <param name="ElapsedS">Running time the device reported last (pauses excluded).</param>
/// <param name="MaxPain">Highest pain rating (0-10), if any.</param>
public sealed record SessionSummary(
    string DeviceId,
    string SessionId,
    string? PatientId,
    string? ProfileName,
    int? PlanLevel,
    string State,
    string? Outcome,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    double DurationS,
    double? ElapsedS,
    int? MaxPain,
    int SafetyTrips,
    int Withdrawals);

/// <summary>A search over every stored session; every criterion optional.</summary>
public sealed record SessionSearch(string? PatientId = null, string? DeviceId = null, DateTimeOffset? From = null, DateTimeOffset? To = null, string? Outcome = null, int Limit = 500);

/// <summary>A session state as reported.</summary>
public sealed record StoredState(DateTimeOffset At, string State, int? StepIndex, double? ElapsedS);

/// <summary>A device event as reported.</summary>
public sealed record StoredEvent(DateTimeOffset At, string Kind, string? Target, string? SessionId, string? Rule, double? Value, string? Message, string? Origin, string? Details, bool Late);

/// <summary>A command the dashboard sent to the device around the session (the audit: who, what, the reply).</summary>
public sealed record StoredCommand(DateTimeOffset At, string User, string Command, string PayloadSummary, bool Ok, string Reply);

/// <summary>One telemetry message as received (its JSON payload verbatim).</summary>
public sealed record StoredTelemetry(string BootId, long Seq, DateTimeOffset At, double SamplePeriodS, int SampleCount, bool Late, string Payload);

/// <summary>Telemetry messages of one boot in a row; a session a device restarted in has two or more.</summary>
public sealed record TelemetryPart(string BootId, long FirstSeq, long LastSeq, DateTimeOffset From, DateTimeOffset To, int Messages);

/// <summary>Telemetry messages that never arrived: seq <paramref name="FirstMissing"/>..<paramref name="LastMissing"/> of a boot.</summary>
public sealed record TelemetryGap(string BootId, long FirstMissing, long LastMissing, DateTimeOffset After, DateTimeOffset Before);

/// <summary>Everything stored about one session.</summary>
public sealed record SessionDetail(
    SessionSummary Summary,
    string? ProfileId,
    string? ProfileJson,
    int? StepCount,
    IReadOnlyList<StoredState> States,
    IReadOnlyList<StoredEvent> Events,
    IReadOnlyList<StoredCommand> Commands,
    IReadOnlyList<StoredTelemetry> Telemetry,
    IReadOnlyList<TelemetryPart> Parts,
    IReadOnlyList<TelemetryGap> Gaps);
