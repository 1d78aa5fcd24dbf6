using AmpsDevice.Protocol.Plans;

namespace AmpsDevice.FirmwareHost.Sessions.Plans;

/// <summary>One line of a plan's history: a session, the level it ran, how it went, and what that did to the level.</summary>
/// <param name="SessionId">The session's id.</param>
/// <param name="EndedAt">When it ended.</param>
/// <param name="Level">The level it ran.</param>
/// <param name="MaxPain">Highest pain rating, null when none was given.</param>
/// <param name="Outcome">completed, stopped or safety-stop (the session states of docs/mqtt.md).</param>
/// <param name="Withdrew">The patient pulled a limb away.</param>
/// <param name="LevelAfter">The level of the next session.</param>
/// <param name="Change">up, down, same or not-counted.</param>
/// <param name="Rule">The rule that decided it.</param>
public sealed record PlanHistoryEntry(
    string SessionId,
    DateTimeOffset EndedAt,
    int Level,
    int? MaxPain,
    string Outcome,
    bool Withdrew,
    int LevelAfter,
    string Change,
    string Rule);

/// <summary>
/// A patient's plan as the device keeps it: the plan, where the patient stands in it, and the history of
/// every plan session. Not thread-safe; <see cref="PlanStore"/> serializes access.
/// </summary>
public sealed class PlanRecord
{
    private readonly List<PlanHistoryEntry> _history;

    public PlanRecord(TherapyPlan plan, PlanPosition position, IEnumerable<PlanHistoryEntry> history)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentOutOfRangeException.ThrowIfLessThan(position.Level, plan.MinLevel, nameof(position));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(position.Level, plan.MaxLevel, nameof(position));
        Plan = plan;
        Position = position;
        _history = history.ToList();
    }

    /// <summary>A new plan: the patient starts at its start level with no history.</summary>
    public static PlanRecord Start(TherapyPlan plan) => new(plan, new PlanPosition(plan.StartLevel, 0), []);

    public TherapyPlan Plan { get; }

    public PlanPosition Position { get; private set; }

    public IReadOnlyList<PlanHistoryEntry> History => _history;

    /// <summary>The level the next session runs.</summary>
    public int Level => Position.Level;

    /// <summary>Applies the progression rules to a session that ran, records it, and returns its history line.</summary>
    public PlanHistoryEntry Apply(PlanSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var decision = Progression.Decide(Plan, Position, session);
        Position = decision.After;
        var entry = new PlanHistoryEntry(session.SessionId, session.EndedAt, session.Level, session.MaxPain, OutcomeName(session.End),
            session.Withdrew, decision.After.Level, ChangeName(decision.Change), decision.Rule);
        _history.Add(entry);
        return entry;
    }

    public static string OutcomeName(PlanSessionEnd end) => end switch
    {
        PlanSessionEnd.Completed => "completed",
        PlanSessionEnd.Stopped => "stopped",
        _ => "safety-stop",
    };

    public static string ChangeName(LevelChange change) => change switch
    {
        LevelChange.Up => "up",
        LevelChange.Down => "down",
        LevelChange.Same => "same",
        _ => "not-counted",
    };
}
