using AmpsDevice.Protocol.Plans;

namespace AmpsDevice.Protocol.Tests.Plans;

/// <summary>The progression rules of docs/plans.md, one by one, with the level kept inside the plan's range.</summary>
public class ProgressionTests
{
    private static readonly TherapyPlan Plan = PlanSamples.ExamplePlan with { MinLevel = 2, MaxLevel = 6, StartLevel = 3 };

    private static PlanSession Session(int? maxPain, PlanSessionEnd end = PlanSessionEnd.Completed, bool withdrew = false, int level = 3) =>
        new("s-1", DateTimeOffset.UnixEpoch, level, end, maxPain, withdrew, end == PlanSessionEnd.Completed ? null : "why");

    private static ProgressionDecision Decide(PlanPosition at, PlanSession session) => Progression.Decide(Plan, at, session);

    [Fact]
    public void Two_good_sessions_in_a_row_step_up_one_level_and_one_alone_does_not()
    {
        var first = Decide(new(3, 0), Session(3));
        var second = Decide(first.After, Session(2));

        Assert.Equal((new PlanPosition(3, 1), LevelChange.Same), (first.After, first.Change));
        Assert.Equal((new PlanPosition(4, 0), LevelChange.Up), (second.After, second.Change));
        Assert.Equal("up: 2 sessions in a row with pain at or below 3 and no stop", second.Rule);
    }

    [Fact]
    public void A_session_with_pain_above_the_good_limit_holds_the_level_and_starts_the_run_again()
    {
        var after = Decide(new(3, 1), Session(4));
        var next = Decide(after.After, Session(3));

        Assert.Equal((new PlanPosition(3, 0), LevelChange.Same), (after.After, after.Change));
        Assert.Equal(new PlanPosition(3, 1), next.After); // only one good session in a row again
    }

    [Theory]
    [InlineData(7, PlanSessionEnd.Completed, false, "down: pain 7 is at or above 7")]
    [InlineData(10, PlanSessionEnd.Completed, false, "down: pain 10 is at or above 7")]
    [InlineData(2, PlanSessionEnd.Stopped, false, "down: the session was stopped (why)")]
    [InlineData(null, PlanSessionEnd.Stopped, false, "down: the session was stopped (why)")]
    [InlineData(1, PlanSessionEnd.Completed, true, "down: the patient withdrew")]
    [InlineData(9, PlanSessionEnd.SafetyStop, false, "down: pain 9 is at or above 7")]
    [InlineData(0, PlanSessionEnd.SafetyStop, true, "down: the patient withdrew")]
    public void A_stop_a_withdrawal_or_a_rating_at_or_above_7_steps_down_one_level_and_resets_the_run(int? pain, PlanSessionEnd end, bool withdrew, string rule)
    {
        var d = Decide(new(4, 1), Session(pain, end, withdrew));

        Assert.Equal((new PlanPosition(3, 0), LevelChange.Down, rule), (d.After, d.Change, d.Rule));
    }

    [Fact]
    public void The_level_never_leaves_the_plans_range()
    {
        var atTop = Decide(new(6, 1), Session(0));
        var atBottom = Decide(new(2, 0), Session(8));

        Assert.Equal((new PlanPosition(6, 0), LevelChange.Same), (atTop.After, atTop.Change));
        Assert.StartsWith("stays at the top level 6", atTop.Rule);
        Assert.Equal((new PlanPosition(2, 0), LevelChange.Same), (atBottom.After, atBottom.Change));
        Assert.StartsWith("stays at the lowest level 2", atBottom.Rule);
    }

    [Fact]
    public void A_device_fault_safety_stop_counts_neither_against_the_patient_nor_toward_stepping_up()
    {
        var d = Decide(new(4, 1), Session(2, PlanSessionEnd.SafetyStop));

        Assert.Equal((new PlanPosition(4, 1), LevelChange.NotCounted), (d.After, d.Change));
        Assert.Contains("not a response of the patient", d.Rule);
    }

    [Fact]
    public void A_completed_session_without_any_rating_holds_the_level_stepping_up_needs_the_patients_word()
    {
        var d = Decide(new(4, 1), Session(null));

        Assert.Equal((new PlanPosition(4, 0), LevelChange.Same), (d.After, d.Change));
    }

    [Fact]
    public void Custom_rules_are_honoured_one_good_session_steps_up_and_stops_need_not_step_down()
    {
        var plan = Plan with { Progression = new ProgressionRules(UpAfterSessions: 1, UpMaxPain: 4, DownAtPain: 8, DownOnStop: false, DownOnWithdrawal: false) };

        Assert.Equal(LevelChange.Up, Progression.Decide(plan, new(3, 0), Session(4)).Change);
        Assert.Equal(LevelChange.Same, Progression.Decide(plan, new(3, 0), Session(2, PlanSessionEnd.Stopped)).Change);
        Assert.Equal(LevelChange.Up, Progression.Decide(plan, new(3, 0), Session(2, withdrew: true)).Change);
        Assert.Equal(LevelChange.Down, Progression.Decide(plan, new(3, 0), Session(8)).Change);
    }

    [Fact]
    public void Whatever_happens_every_level_a_plan_reaches_is_one_it_was_checked_for()
    {
        var rng = new Random(42);
        var at = new PlanPosition(Plan.StartLevel, 0);
        for (var i = 0; i < 2000; i++)
        {
            var end = (PlanSessionEnd)rng.Next(3);
            int? pain = rng.Next(12) is var p && p == 11 ? null : p;
            at = Progression.Decide(Plan, at, Session(pain, end, rng.Next(10) == 0, at.Level)).After;
            Assert.InRange(at.Level, Plan.MinLevel, Plan.MaxLevel);
        }
    }
}
