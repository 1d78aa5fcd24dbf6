namespace AmpsDevice.Protocol.Plans;

/// <summary>How a plan session ended (the session states of docs/mqtt.md that end one).</summary>
public enum PlanSessionEnd
{
    /// <summary>Every step ran.</summary>
    Completed,

    /// <summary>Stopped by a person (patient stop button, therapist stop, E-stop) or a pause nobody resumed.</summary>
    Stopped,

    /// <summary>Stopped by the safety supervisor for a device fault (sensor, heater, bus, loop...).</summary>
    SafetyStop,
}

/// <summary>What the progression rules need to know about one session that ran.</summary>
/// <param name="SessionId">The session's id.</param>
/// <param name="EndedAt">When it ended.</param>
/// <param name="Level">The plan level it ran.</param>
/// <param name="End">How it ended.</param>
/// <param name="MaxPain">Highest pain rating (0-10), null when the patient gave none.</param>
/// <param name="Withdrew">The patient pulled a limb away during a stimulus.</param>
/// <param name="StopReason">Why it was stopped, in words (for <see cref="PlanSessionEnd.Stopped"/> and <see cref="PlanSessionEnd.SafetyStop"/>).</param>
public sealed record PlanSession(
    string SessionId,
    DateTimeOffset EndedAt,
    int Level,
    PlanSessionEnd End,
    int? MaxPain,
    bool Withdrew,
    string? StopReason = null);

/// <summary>Where a patient stands in a plan: the level of the next session and the good sessions in a row so far.</summary>
public readonly record struct PlanPosition(int Level, int GoodInARow);

/// <summary>Which way a session moved the level.</summary>
public enum LevelChange
{
    /// <summary>Up one level.</summary>
    Up,

    /// <summary>Down one level.</summary>
    Down,

    /// <summary>Stays (counted toward, or breaking, the run of good sessions).</summary>
    Same,

    /// <summary>Not a response of the patient (a device fault): neither level nor run of good sessions changes.</summary>
    NotCounted,
}

/// <summary>The result of applying the progression rules to one session.</summary>
/// <param name="After">Where the patient stands afterwards.</param>
/// <param name="Change">Which way the level moved.</param>
/// <param name="Rule">The rule that decided it, in words a therapist can read.</param>
public sealed record ProgressionDecision(PlanPosition After, LevelChange Change, string Rule);
