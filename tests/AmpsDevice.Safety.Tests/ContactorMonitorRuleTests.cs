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
        var (rule, h) = Judged(masterEnable: toldClosed);
        h.Context.Sensors.RailContactorClosed = !toldClosed;

        h.Judge(rule, 1.0);
        h.Judge(rule, 1.0 + disagreeS);

        Assert.Equal(trips, h.Context.Trips.Any(t => t.Rule == "rail-contactor" && t.Target == "K1"));
    }

    [Theory]
    [InlineData(true, ContactorMonitorRule.MaxClosingS)]
    [InlineData(false, ContactorMonitorRule.MaxOpeningS)]
    public void Disagreement_for_exactly_the_operating_time_is_allowed(bool toldClosed, double disagreeS)
    {
        var (rule, h) = Judged(masterEnable: toldClosed);
        h.Context.Sensors.RailContactorClosed = !toldClosed;

        h.Judge(rule, 0.0);
        h.Judge(rule, disagreeS);

        Assert.Empty(h.Context.Trips);
    }

    [Theory]
    [InlineData(true, 0.08, "The rail contactor K1 shows every pole open 80 ms after it was told to close (allowed 72 ms). " +
        "Its coil chain is open or its mirror contact is stuck: check the thermal cutoffs TH1-TH6, fuse F3, the E-stop's coil contact, " +
        "Q_hb and Q_en, and the GPIO12 line, before acknowledging.")]
    [InlineData(false, 0.03, "The rail contactor K1 shows a closed pole 30 ms after it was told to open (allowed 24 ms). " +
        "A main pole may be welded or the GPIO12 line broken: the actuator rails may still be live. Switch the device off at the mains " +
        "and have K1 and the GPIO12 wiring checked before it is used again.")]
    public void The_message_says_which_way_K1_failed_how_long_it_disagreed_and_what_to_check(bool toldClosed, double disagreeS, string message)
    {
        var (rule, h) = Judged(masterEnable: toldClosed);
        h.Context.Sensors.RailContactorClosed = !toldClosed;
        h.Judge(rule, 0.0);
        h.Judge(rule, disagreeS);

        var trip = Assert.Single(h.Context.Trips);
        Assert.Equal(("K1", AlarmPriority.High), (trip.Target, trip.Priority));
        Assert.Equal(message, trip.Message);

        // The rule alone latches nothing: after its report it times the disagreement again from the next tick.
        h.Judge(rule, disagreeS + 0.001);
        h.Judge(rule, disagreeS + 0.02);
        Assert.Single(h.Context.Trips);
    }

    [Fact]
    public void A_new_command_starts_the_operating_time_afresh()
    {
        // Told to close, the contact stays open for 50 ms (within the closing time); then told to open, the contact
        // shows closed: the opening time counts from the new command, not from the first disagreement.
        var (rule, h) = Judged(masterEnable: true);
        h.Context.Sensors.RailContactorClosed = false;
        h.Judge(rule, 1.0);
        h.Judge(rule, 1.05);
        h.Context.LastOutputs.MasterEnable = false;
        h.Context.Sensors.RailContactorClosed = true;
        h.Judge(rule, 1.06);
        h.Judge(rule, 1.06 + ContactorMonitorRule.MaxOpeningS - Millisecond);
        Assert.Empty(h.Context.Trips);
        h.Judge(rule, 1.06 + ContactorMonitorRule.MaxOpeningS + Millisecond);
        Assert.Single(h.Context.Trips);
    }

    [Fact]
    public void A_contact_that_follows_within_the_operating_time_is_no_fault()
    {
        var (rule, h) = Judged(masterEnable: true);
        h.Context.Sensors.RailContactorClosed = false;
        h.Judge(rule, 0.0);
        h.Judge(rule, 0.06);
        h.Context.Sensors.RailContactorClosed = true; // closed after 60 ms
        h.Judge(rule, 0.07);
        h.Judge(rule, 10.0);

        h.Context.LastOutputs.MasterEnable = false; // told to open: 20 ms later it shows open
        h.Judge(rule, 10.01);
        h.Judge(rule, 10.02);
        h.Context.Sensors.RailContactorClosed = false;
        h.Judge(rule, 10.03);
        h.Judge(rule, 20.0);

        Assert.Empty(h.Context.Trips);
    }

    [Fact]
    public void The_e_stop_tells_K1_to_open_whatever_the_master_enable_says()
    {
        var (rule, h) = Judged(masterEnable: true);
        h.Context.Sensors.RailContactorClosed = true;
        h.Context.Sensors.EStopActive = true; // its contact is in K1's coil chain: K1 must open within its opening time
        h.Judge(rule, 0.0);
        h.Judge(rule, ContactorMonitorRule.MaxOpeningS - Millisecond);
        Assert.Empty(h.Context.Trips);
        h.Judge(rule, ContactorMonitorRule.MaxOpeningS + Millisecond);
        Assert.Contains(h.Context.Trips, t => t.Rule == "rail-contactor" && t.Message.Contains("told to open", StringComparison.Ordinal));
    }

    [Fact]
    public void Unreadable_inputs_are_not_judged_here()
    {
        var (rule, h) = Judged(masterEnable: false);
        h.Context.Sensors.RailContactorClosed = true;
        h.Context.Sensors.InputsFailed = true;
        h.Judge(rule, 0.0);
        h.Judge(rule, 1.0);
        Assert.Empty(h.Context.Trips);
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
        Assert.Empty(h.TripsOver(20, "rail-contactor")); // not reported again while the weld lasts
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

    [Fact]
    public void After_an_acknowledgement_the_contact_is_given_its_operating_time_again_before_the_alarm_returns()
    {
        var h = new SupervisorHarness { SoundContactor = false };
        h.Sensors.RailContactorClosed = true; // welded: closed while told open from the start
        for (var i = 0; i < 10; i++)
        {
            h.Step(h.Shape.CreateActuatorFrame());
        }

        Assert.True(h.Alarms.Contains("rail-contactor", "K1"));
        h.Alarms.RequestAcknowledge();
        var ticks = h.TicksUntilTrip("rail-contactor", maxTicks: 10, h.Shape.CreateActuatorFrame);

        // The acknowledgement's tick is the first of the new disagreement; the trip is the first tick past 24 ms after it.
        Assert.InRange(ticks * SupervisorHarness.Period, ContactorMonitorRule.MaxOpeningS, ContactorMonitorRule.MaxOpeningS + SupervisorHarness.Period);
    }

    /// <summary>The rule alone, judged over the harness's context (trips accumulate: nothing clears them between evaluations).</summary>
    private static (ContactorMonitorRule Rule, SupervisorHarness H) Judged(bool masterEnable)
    {
        var h = new SupervisorHarness();
        h.Context.LastOutputs.MasterEnable = masterEnable;
        return (new ContactorMonitorRule(), h);
    }
}
