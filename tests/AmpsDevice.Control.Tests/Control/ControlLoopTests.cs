using AmpsDevice.FirmwareHost.Control;
using AmpsDevice.FirmwareHost.Hardware;
using AmpsDevice.Protocol.Envelope;

namespace AmpsDevice.Control.Tests.Control;

/// <summary>
/// One control tick, observed from outside the loop: what it reads, what the supervisor is shown, what it writes and
/// what the observers see, over hand-made readings (<see cref="LoopBench"/>).
/// </summary>
public sealed class ControlLoopTests
{
    [Fact]
    public void Start_drives_every_output_safe_before_the_first_tick()
    {
        var bench = new LoopBench();

        bench.Loop.Start();

        Assert.Equal(["safe"], bench.Io.Calls);
        Assert.Equal(0, bench.Loop.TickCount);
    }

    [Fact]
    public void Through_the_warm_up_outputs_are_held_safe_and_nothing_is_judged_and_the_first_tick_at_its_end_is()
    {
        var bench = new LoopBench();
        bench.Source.PowerOn = true;
        bench.Loop.Start();

        for (var i = 0; i < 24; i++)
        {
            bench.Step();
        }

        Assert.Equal(0.24, bench.Loop.TimeS, 12);
        Assert.Empty(bench.Rule.Judged);
        Assert.Empty(bench.Source.Forces);
        Assert.All(bench.Io.Written, w => Assert.True(w.IsSafe && !w.StatusLed));

        bench.Step(); // exactly 0.25 s after the start: judged
        Assert.Equal(ControlLoop.WarmUpS, bench.Loop.TimeS);
        Assert.Single(bench.Rule.Judged);
        Assert.True(bench.Io.Written[^1].MasterEnable);
    }

    [Fact]
    public void A_restarted_loop_holds_its_outputs_safe_through_a_new_warm_up()
    {
        var bench = new LoopBench().Started();
        bench.Source.PowerOn = true;
        bench.Step();
        Assert.True(bench.Loop.Outputs.MasterEnable);

        bench.Loop.Start();
        bench.Step();

        Assert.True(bench.Loop.Outputs.IsSafe);
        Assert.True(bench.Io.Written[^1].IsSafe);
        Assert.Equal(1, bench.Loop.TickCount);
    }

    [Fact]
    public void The_tick_that_holds_the_evidence_writes_the_safe_state_whatever_the_targets_ask()
    {
        var bench = new LoopBench().Started();
        bench.Source.PowerOn = true;
        bench.Source.Pad1 = new PadTarget { Active = true, TargetC = 40, RampCPerS = 1 };
        bench.Source.Vib1 = new VibrationTarget { Amplitude = 0.5, FrequencyHz = 100 };
        bench.Io.Next.Pads[0].ControlC = LoopBench.Good(32);
        bench.Step();
        Assert.False(bench.Io.Written[^1].IsSafe);

        bench.Rule.TripNow = true;
        bench.Step();

        var written = bench.Io.Written[^1];
        Assert.True(written.IsSafe, "the tick whose evidence tripped wrote live outputs");
        Assert.False(written.MasterEnable);
        Assert.Equal(default, written.Pads[0]);
        Assert.Equal(0, written.Vibration[0].Amplitude);
        Assert.True(bench.Loop.Outputs.IsSafe);
        // The session saw the trip before it chose its targets, in the same tick.
        Assert.Equal([false, false, true], bench.Source.SawHoldSafe);
    }

    [Fact]
    public void The_outputs_stay_safe_while_the_alarm_stays_latched()
    {
        var bench = new LoopBench().Started();
        bench.Source.PowerOn = true;
        bench.Rule.TripNow = true;
        bench.Step();
        bench.Rule.TripNow = false;

        for (var i = 0; i < 10; i++)
        {
            bench.Step();
            Assert.True(bench.Io.Written[^1].IsSafe);
        }
    }

    [Theory]
    [InlineData(1.0, 0)]
    [InlineData(1.4, 0)]
    [InlineData(1.6, 1)]
    [InlineData(4.0, 3)]
    [InlineData(0.3, 0)]
    public void The_supervisor_is_told_how_many_deadlines_passed_without_a_tick(double periods, int missed)
    {
        var bench = new LoopBench().Started();

        bench.Step(periods);

        Assert.Equal(missed, bench.Rule.Judged[^1].MissedTicks);
    }

    [Fact]
    public void The_first_tick_counts_no_missed_deadlines_however_late_it_comes()
    {
        var bench = new LoopBench();
        bench.Loop.Start();
        bench.Clock.Advance(TimeSpan.FromSeconds(1));

        bench.Loop.Tick();

        Assert.Equal(0, bench.Rule.Judged.Single().MissedTicks);
        Assert.Equal(0, bench.Rule.Judged.Single().TickNumber);
        Assert.Equal(1.0, bench.Rule.Judged.Single().TimeS);
    }

    [Fact]
    public void A_failed_write_drives_everything_safe_at_once_and_the_next_tick_shows_the_supervisor_the_failures()
    {
        var bench = new LoopBench().Started();
        bench.Source.PowerOn = true;
        bench.Step();
        Assert.Equal(1, bench.Io.DriveSafeCount); // Start's only

        bench.Io.FailNextWrite = 2;
        bench.Step();
        Assert.Equal(["read", "write", "safe"], bench.Io.Calls[^3..]);
        Assert.True(bench.Loop.Outputs.IsSafe);

        bench.Step();
        Assert.Equal(2, bench.Rule.Judged[^1].LastWriteFailures);
        Assert.False(bench.Rule.Judged[^1].LastMasterEnable, "the supervisor was shown live outputs after a failed write had driven them safe");

        bench.Step();
        Assert.Equal(0, bench.Rule.Judged[^1].LastWriteFailures);
        Assert.Equal(2, bench.Io.DriveSafeCount);
    }

    [Fact]
    public void The_supervisor_sees_what_the_last_tick_wrote()
    {
        var bench = new LoopBench().Started();
        bench.Source.PowerOn = true;
        bench.Source.Pad1 = new PadTarget { Active = true, TargetC = 32, RampCPerS = 1 };
        bench.Source.Vib1 = new VibrationTarget { Amplitude = 0.4, FrequencyHz = 100 };
        bench.Io.Next.Pads[0].ControlC = LoopBench.Good(31);
        bench.Step();
        var written = bench.Io.Written[^1];

        bench.Step();

        var seen = bench.Rule.Judged[^1];
        Assert.True(seen.LastMasterEnable);
        Assert.True(seen.LastStatusLed);
        Assert.Equal(written.Pads[0], seen.LastPad1);
        Assert.True(seen.LastPad1.Enabled);
        Assert.Equal(new VibrationOutput { Amplitude = 0.4, FrequencyHz = 100 }, seen.LastVib1);
    }

    [Fact]
    public void Observers_see_each_tick_in_the_order_they_were_added_with_the_outputs_as_written()
    {
        var bench = new LoopBench();
        var seen = new List<string>();
        bench.Loop.AddObserver(new Recorder("first", seen));
        bench.Loop.AddObserver(new Recorder("second", seen));
        bench.Io.WriteTakes = TimeSpan.FromMilliseconds(2);
        bench.Clock.Advance(TimeSpan.FromSeconds(3)); // times count from the start, not from the clock's zero
        bench.Loop.Start();

        bench.Step();
        bench.Step();

        Assert.Equal(
        [
            "first #0 t=0.010 write=0.012 safe=True pads=2 intent=True",
            "second #0 t=0.010 write=0.012 safe=True pads=2 intent=True",
            // The second tick is 2 ms late: the first write took them.
            "first #1 t=0.022 write=0.024 safe=True pads=2 intent=True",
            "second #1 t=0.022 write=0.024 safe=True pads=2 intent=True",
        ], seen);
        Assert.Equal(0.024, bench.Loop.LastWriteTimeS, 12);
        Assert.Equal(2, bench.Loop.TickCount);
    }

    [Fact]
    public void An_observer_is_told_when_the_outputs_are_live()
    {
        var bench = new LoopBench().Started();
        var safe = new List<bool>();
        bench.Loop.AddObserver(new SafeRecorder(safe));
        bench.Source.PowerOn = true;

        bench.Step();

        Assert.Equal([false], safe);
    }

    [Fact]
    public void The_period_is_the_inverse_of_the_tick_rate()
    {
        var bench = new LoopBench(new ControlLoopOptions { TickRateHz = 250 });

        Assert.Equal(0.004, bench.Loop.PeriodS, 15);
        Assert.Equal(40_000, bench.Loop.PeriodTimestampTicks);
        Assert.Same(bench.Io.Shape, bench.Loop.Shape);
        Assert.Same(bench.Context.Sensors, bench.Loop.Sensors);
    }

    [Fact]
    public void Forces_are_low_pass_filtered_from_their_first_reading_and_a_failed_reading_leaves_the_filter_alone()
    {
        // Period 0.01 s, time constant 0.03 s: each reading moves the filter a quarter of the way.
        var bench = new LoopBench(new ControlLoopOptions { ForceFilterS = 0.03 }).Started();
        bench.Io.Next.Pressure[0].ForceN = LoopBench.Good(10);
        bench.Io.Next.Pressure[1].ForceN = LoopBench.Failed(99);
        bench.Step();
        Assert.Equal([10.0, 0.0], bench.Source.Forces[^1]);

        bench.Io.Next.Pressure[0].ForceN = LoopBench.Good(20);
        bench.Step();
        Assert.Equal([12.5, 0.0], bench.Source.Forces[^1]);

        bench.Io.Next.Pressure[0].ForceN = LoopBench.Failed(50);
        bench.Step();
        Assert.Equal([12.5, 0.0], bench.Source.Forces[^1]);
        Assert.Equal([12.5, 0.0], bench.Loop.FilteredForceN.ToArray());
    }

    [Fact]
    public void A_pad_under_control_is_driven_and_its_setpoint_shown_to_the_supervisor()
    {
        var bench = new LoopBench().Started();
        bench.Source.PowerOn = true;
        bench.Source.Pad1 = new PadTarget { Active = true, TargetC = 34, RampCPerS = 1 };
        bench.Io.Next.Pads[0].ControlC = LoopBench.Good(32);

        bench.Step();

        var pad = bench.Context.Intent.Pads[0];
        Assert.True(pad.Active);
        Assert.Equal(32.01, pad.SetpointC, 12);
        Assert.False(pad.Holding);
        Assert.True(bench.Loop.Outputs.Pads[0].Enabled);
        Assert.True(bench.Loop.Outputs.Pads[0].Drive > 0);
        Assert.False(bench.Context.Intent.Pads[1].Active);
        Assert.False(bench.Loop.Outputs.Pads[1].Enabled);
        Assert.True(bench.Loop.Outputs.MasterEnable);
        Assert.True(bench.Loop.Outputs.StatusLed);
        Assert.True(bench.Context.Intent.StimulusActive);
    }

    [Fact]
    public void A_pad_that_reaches_its_target_is_shown_holding()
    {
        var bench = new LoopBench().Started();
        bench.Source.PowerOn = true;
        bench.Source.Pad1 = new PadTarget { Active = true, TargetC = 32, RampCPerS = 1 };
        bench.Io.Next.Pads[0].ControlC = LoopBench.Good(32);

        bench.Step();

        Assert.True(bench.Context.Intent.Pads[0].Holding);
    }

    [Theory]
    [InlineData(32.6, true)]
    [InlineData(31.4, true)]
    [InlineData(32.5, false)]
    [InlineData(31.5, false)]
    public void A_pad_counts_as_stimulus_when_its_target_is_more_than_half_a_degree_from_neutral(double targetC, bool stimulus)
    {
        var bench = new LoopBench().Started();
        bench.Source.PowerOn = true;
        bench.Source.Pad1 = new PadTarget { Active = true, TargetC = targetC, RampCPerS = 1 };
        bench.Io.Next.Pads[0].ControlC = LoopBench.Good(32);

        bench.Step();

        Assert.Equal(stimulus, bench.Context.Intent.StimulusActive);
    }

    [Fact]
    public void An_inactive_pad_far_from_neutral_is_no_stimulus()
    {
        var bench = new LoopBench().Started();
        bench.Source.PowerOn = true;
        bench.Source.Pad1 = new PadTarget { Active = false, TargetC = 40, RampCPerS = 1 };

        bench.Step();

        Assert.False(bench.Context.Intent.StimulusActive);
    }

    [Fact]
    public void Nothing_is_stimulus_without_actuator_power()
    {
        var bench = new LoopBench().Started();
        bench.Source.PowerOn = false;
        bench.Source.Pad1 = new PadTarget { Active = true, TargetC = 40, RampCPerS = 1 };
        bench.Source.Vib1 = new VibrationTarget { Amplitude = 0.5, FrequencyHz = 100 };
        bench.Source.Pressure1 = new PressureTarget { Guided = true, TargetN = 5 };
        bench.Io.Next.Pads[0].ControlC = LoopBench.Good(32);

        bench.Step();

        Assert.False(bench.Context.Intent.StimulusActive);
        Assert.False(bench.Loop.Outputs.MasterEnable);
        Assert.False(bench.Loop.Outputs.StatusLed);
    }

    [Theory]
    [InlineData(1.5, 1.0)]
    [InlineData(-0.2, 0.0)]
    [InlineData(0.3, 0.3)]
    public void A_vibration_amplitude_is_driven_within_0_to_1_and_shown_to_the_supervisor(double asked, double driven)
    {
        var bench = new LoopBench().Started();
        bench.Source.PowerOn = true;
        bench.Source.Vib1 = new VibrationTarget { Amplitude = asked, FrequencyHz = 100 };

        bench.Step();

        Assert.Equal(driven, bench.Loop.Outputs.Vibration[0].Amplitude);
        Assert.Equal(driven, bench.Context.Intent.Vibration[0].Amplitude);
        Assert.Equal(driven > 0, bench.Context.Intent.StimulusActive);
    }

    [Theory]
    [InlineData(5, 20)]
    [InlineData(400, 300)]
    public void A_vibration_frequency_outside_the_absolute_band_is_driven_at_its_edge(double askedHz, double drivenHz)
    {
        var bench = new LoopBench().Started();
        bench.Source.PowerOn = true;
        bench.Source.Vib1 = new VibrationTarget { Amplitude = 0.2, FrequencyHz = askedHz };

        bench.Step();

        Assert.Equal(drivenHz, bench.Loop.Outputs.Vibration[0].FrequencyHz);
    }

    [Fact]
    public void Guided_pressure_is_stimulus_and_its_target_is_shown_to_the_supervisor()
    {
        var bench = new LoopBench().Started();
        bench.Source.PowerOn = true;
        bench.Source.Pressure1 = new PressureTarget { Guided = true, TargetN = 7.5 };

        bench.Step();

        Assert.True(bench.Context.Intent.Pressure[0].Guided);
        Assert.Equal(7.5, bench.Context.Intent.Pressure[0].TargetN);
        Assert.False(bench.Context.Intent.Pressure[1].Guided);
        Assert.True(bench.Context.Intent.StimulusActive);
    }

    public static TheoryData<string> Pairs => ["pads", "vibration", "pressure"];

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Two_channels_of_a_kind_asked_for_at_once_are_stimulus_as_one_is(string kind)
    {
        var bench = new LoopBench().Started();
        bench.Source.PowerOn = true;
        switch (kind)
        {
            case "pads":
                bench.Source.Pad1 = bench.Source.Pad2 = new PadTarget { Active = true, TargetC = 40, RampCPerS = 1 };
                bench.Io.Next.Pads[0].ControlC = bench.Io.Next.Pads[1].ControlC = LoopBench.Good(32);
                break;
            case "vibration":
                bench.Source.Vib1 = bench.Source.Vib2 = new VibrationTarget { Amplitude = 0.5, FrequencyHz = 100 };
                break;
            default:
                bench.Source.Pressure1 = bench.Source.Pressure2 = new PressureTarget { Guided = true, TargetN = 5 };
                break;
        }

        bench.Step();

        Assert.True(bench.Context.Intent.StimulusActive);
    }

    [Fact]
    public void Power_with_no_channel_asked_for_is_no_stimulus()
    {
        var bench = new LoopBench().Started();
        bench.Source.PowerOn = true;

        bench.Step();

        Assert.False(bench.Context.Intent.StimulusActive);
        Assert.True(bench.Loop.Outputs.MasterEnable);
    }

    [Fact]
    public void The_buzzer_sounds_half_of_every_second_while_an_alarm_is_latched_and_never_without_one()
    {
        var bench = new LoopBench().Started();
        for (var i = 0; i < 100; i++)
        {
            bench.Step();
            Assert.False(bench.Loop.Outputs.Buzzer);
        }

        bench.Rule.TripNow = true;
        bench.Step();
        bench.Rule.TripNow = false;
        var pattern = new List<(long Tick, bool Buzzer)>();
        for (var i = 0; i < 200; i++)
        {
            var tick = bench.Loop.TickCount;
            bench.Step();
            pattern.Add((tick, bench.Io.Written[^1].Buzzer));
        }

        Assert.All(pattern, p => Assert.Equal(p.Tick % 100 < 50, p.Buzzer));
    }

    private sealed class Recorder(string name, List<string> seen) : ITickObserver
    {
        public void OnTick(in TickView tick) =>
            seen.Add(FormattableString.Invariant(
                $"{name} #{tick.TickNumber} t={tick.TimeS:0.000} write={tick.WriteTimeS:0.000} safe={tick.Safe} pads={tick.Outputs.Pads.Length} intent={tick.Intent is not null}"));
    }

    private sealed class SafeRecorder(List<bool> seen) : ITickObserver
    {
        public void OnTick(in TickView tick) => seen.Add(tick.Safe);
    }
}
