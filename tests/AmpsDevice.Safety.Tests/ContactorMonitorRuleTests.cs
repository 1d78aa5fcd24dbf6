using AmpsDevice.FirmwareHost.Hardware;
using AmpsDevice.FirmwareHost.Safety;
using AmpsDevice.FirmwareHost.Safety.Rules;
using AmpsDevice.Protocol.Envelope;

namespace AmpsDevice.Safety.Tests;

/// <summary>
/// ContactorMonitorRule (rail-contactor) at its boundaries: K1's mirror contact may disagree with what K1 was told for
/// its data sheet's closing time (72.45 ms) or opening time (24 ms) and no longer; 1 ms under each nothing trips, 1 ms
/// over it the alarm latches. Through the supervisor: the trip holds the outputs safe, and an acknowledgement does
/// not bring power back while a pole still shows closed.
/// </summary>
public class ContactorMonitorRuleTests
{
    private const double Millisecond = 0.001;

    [Theory]
    [InlineData(true, ContactorMonitorRule.MaxClosingS - Millisecond, false)]
    [InlineData(true, ContactorMonitorRule.MaxClosingS + Millisecond, true)]
    [InlineData(false, ContactorMonitorRule.MaxOpeningS - Millisecond, false)]
    [InlineData(false, ContactorMonitorRule.MaxOpeningS + Millisecond, true)]
    public void Disagreement_trips_only_past_the_contactors_operating_time(bool toldClosed, double disagreeS, bool trips)
    {
        var (rule, context) = Judged(masterEnable: toldClosed);
        context.Sensors.RailContactorClosed = !toldClosed;

        Evaluate(rule, context, 1.0);
        Evaluate(rule, context, 1.0 + disagreeS);

        Assert.Equal(trips, context.Trips.Any(t => t.Rule == "rail-contactor" && t.Target == "K1"));
    }

    [Fact]
    public void A_contact_that_follows_within_the_operating_time_is_no_fault()
    {
        var (rule, context) = Judged(masterEnable: true);
        context.Sensors.RailContactorClosed = false;
        Evaluate(rule, context, 0.0);
        Evaluate(rule, context, 0.06);
        context.Sensors.RailContactorClosed = true; // closed after 60 ms
        Evaluate(rule, context, 0.07);
        Evaluate(rule, context, 10.0);

        context.LastOutputs.MasterEnable = false; // told to open: 20 ms later it shows open
        Evaluate(rule, context, 10.01);
        Evaluate(rule, context, 10.02);
        context.Sensors.RailContactorClosed = false;
        Evaluate(rule, context, 10.03);
        Evaluate(rule, context, 20.0);

        Assert.Empty(context.Trips);
    }

    [Fact]
    public void The_e_stop_tells_K1_to_open_whatever_the_master_enable_says()
    {
        var (rule, context) = Judged(masterEnable: true);
        context.Sensors.RailContactorClosed = true;
        context.Sensors.EStopActive = true; // its contact is in K1's coil chain: K1 must open within its opening time
        Evaluate(rule, context, 0.0);
        Evaluate(rule, context, ContactorMonitorRule.MaxOpeningS - Millisecond);
        Assert.Empty(context.Trips);
        Evaluate(rule, context, ContactorMonitorRule.MaxOpeningS + Millisecond);
        Assert.Contains(context.Trips, t => t.Rule == "rail-contactor" && t.Message.Contains("told to open", StringComparison.Ordinal));
    }

    [Fact]
    public void Unreadable_inputs_are_not_judged_here()
    {
        var (rule, context) = Judged(masterEnable: false);
        context.Sensors.RailContactorClosed = true;
        context.Sensors.InputsFailed = true;
        Evaluate(rule, context, 0.0);
        Evaluate(rule, context, 1.0);
        Assert.Empty(context.Trips);
    }

    [Fact]
    public void A_pole_that_stays_closed_holds_the_outputs_safe_names_what_to_check_and_survives_an_acknowledgement()
    {
        var h = new SupervisorHarness();
        Assert.False(h.Step(h.Running()));
        Assert.False(h.Step(h.Running()));

        // The session ends: K1 is told to open, but its mirror contact keeps showing a closed pole (a weld).
        h.SoundContactor = false;
        h.Sensors.RailContactorClosed = true;
        var ticks = 0;
        while (!h.Context.Trips.Any(t => t.Rule == "rail-contactor"))
        {
            Assert.True(++ticks < 10, "rail-contactor did not trip within 10 ticks");
            h.Step(h.Shape.CreateActuatorFrame());
        }

        // Tick 1 writes the master enable low; tick 2 is the first to read the disagreement; the trip is the first tick past 24 ms after it.
        Assert.InRange((ticks - 2) * SupervisorHarness.Period, ContactorMonitorRule.MaxOpeningS, ContactorMonitorRule.MaxOpeningS + SupervisorHarness.Period);
        var alarm = Assert.Single(h.Alarms.Active, a => a.Rule == "rail-contactor");
        Assert.Equal(AlarmPriority.High, alarm.Priority);
        Assert.Contains("welded", alarm.Message, StringComparison.Ordinal);
        Assert.Contains("GPIO12", alarm.Message, StringComparison.Ordinal);
        Assert.Contains("mains", alarm.Message, StringComparison.Ordinal);

        var running = h.Running();
        Assert.True(h.Step(running));
        Assert.False(running.MasterEnable);

        // Acknowledged while the pole still shows closed: the alarm comes back within the opening time.
        h.Alarms.RequestAcknowledge();
        for (var i = 0; i < 5; i++)
        {
            h.Step(h.Shape.CreateActuatorFrame());
        }

        Assert.Contains(h.Alarms.Active, a => a.Rule == "rail-contactor");
    }

    /// <summary>The rule alone over a hand-made context (trips accumulate: nothing clears them between evaluations).</summary>
    private static (ContactorMonitorRule Rule, SafetyContext Context) Judged(bool masterEnable)
    {
        var shape = new DeviceShape(["pad1", "pad2"], ["vib1", "vib2"], ["pressure1", "pressure2"]);
        var context = new SafetyContext(shape, LimitSet.Absolute, SupervisorHarness.Period, new AlarmBook());
        context.LastOutputs.MasterEnable = masterEnable;
        return (new ContactorMonitorRule(), context);
    }

    private static void Evaluate(ContactorMonitorRule rule, SafetyContext context, double timeS)
    {
        context.TimeS = timeS;
        rule.Evaluate(context);
    }
}
