using System.Globalization;

namespace AmpsDevice.Protocol.Plans;

/// <summary>
/// The progression rules, applied to one session. Pure: the same position and session give the same
/// decision. In order:
/// <list type="number">
/// <item>A withdrawal, a rating at or above <see cref="ProgressionRules.DownAtPain"/>, or a stop by a person:
/// down one level (not below the plan's minimum) and the run of good sessions starts again.</item>
/// <item>A safety stop for a device fault with none of those: not counted. The fault says nothing about
/// the patient, so it neither counts against them nor toward stepping up.</item>
/// <item>A completed session whose highest rating is at or below <see cref="ProgressionRules.UpMaxPain"/>:
/// one more good session in a row; the required number of them steps the level up one (not above the
/// maximum) and the run starts again.</item>
/// <item>Anything else (higher pain, or no rating at all: stepping up needs the patient's word): the level
/// stays and the run starts again.</item>
/// </list>
/// </summary>
public static class Progression
{
    public static ProgressionDecision Decide(TherapyPlan plan, PlanPosition position, PlanSession session)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(session);
        var r = plan.Progression;
        var c = CultureInfo.InvariantCulture;

        string? down = null;
        if (session.Withdrew && r.DownOnWithdrawal)
        {
            down = "the patient withdrew";
        }
        else if (session.MaxPain is { } pain && pain >= r.DownAtPain)
        {
            down = string.Create(c, $"pain {pain} is at or above {r.DownAtPain}");
        }
        else if (session.End == PlanSessionEnd.Stopped && r.DownOnStop)
        {
            down = "the session was stopped" + (session.StopReason is { Length: > 0 } why ? $" ({why})" : "");
        }

        if (down is not null)
        {
            return position.Level > plan.MinLevel
                ? new(new(position.Level - 1, 0), LevelChange.Down, $"down: {down}")
                : new(new(position.Level, 0), LevelChange.Same, string.Create(c, $"stays at the lowest level {plan.MinLevel}: {down}"));
        }

        if (session.End == PlanSessionEnd.SafetyStop)
        {
            return new(position, LevelChange.NotCounted,
                "not counted: a safety stop for a device fault" + (session.StopReason is { Length: > 0 } rule ? $" ({rule})" : "") + ", not a response of the patient");
        }

        if (session.End == PlanSessionEnd.Stopped)
        {
            return new(new(position.Level, 0), LevelChange.Same, "stays: the session was stopped (stepping down on a stop is off in this plan)");
        }

        if (session.MaxPain is not { } max)
        {
            return new(new(position.Level, 0), LevelChange.Same, "stays: no pain rating was given, and stepping up needs one");
        }

        if (max > r.UpMaxPain)
        {
            return new(new(position.Level, 0), LevelChange.Same, string.Create(c, $"stays: pain {max} is above {r.UpMaxPain}"));
        }

        var good = position.GoodInARow + 1;
        if (good < r.UpAfterSessions)
        {
            return new(new(position.Level, good), LevelChange.Same,
                string.Create(c, $"stays: {good} of {r.UpAfterSessions} sessions in a row with pain at or below {r.UpMaxPain}"));
        }

        var why2 = string.Create(c, $"{r.UpAfterSessions} session{(r.UpAfterSessions == 1 ? "" : "s")} in a row with pain at or below {r.UpMaxPain} and no stop");
        return position.Level < plan.MaxLevel
            ? new(new(position.Level + 1, 0), LevelChange.Up, $"up: {why2}")
            : new(new(position.Level, 0), LevelChange.Same, string.Create(c, $"stays at the top level {plan.MaxLevel}: {why2}"));
    }
}
