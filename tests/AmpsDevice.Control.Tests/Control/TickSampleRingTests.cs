using AmpsDevice.FirmwareHost.Control;
using AmpsDevice.FirmwareHost.Hardware;
using AmpsDevice.FirmwareHost.Safety;

namespace AmpsDevice.Control.Tests.Control;

/// <summary>The ring between the control thread and the publishers: what a slot holds, in what order, and what happens when it is full.</summary>
public sealed class TickSampleRingTests
{
    private static readonly DeviceShape Shape = new(["pad1", "pad2"], ["vib1", "vib2"], ["pressure1", "pressure2"]);

    private static SensorValue Good(double value) => new() { Value = value, Ok = true, Fresh = true };

    private static (SensorFrame Sensors, ActuatorFrame Outputs) Frames(double at)
    {
        var sensors = Shape.CreateSensorFrame();
        var outputs = Shape.CreateActuatorFrame();
        for (var i = 0; i < 2; i++)
        {
            sensors.Pads[i].ControlC = Good(at + 30 + i);
            sensors.Pads[i].SafetyC = Good(at + 31 + i);
            sensors.Pressure[i].ForceN = Good(at + 5 + i);
            outputs.Pads[i] = new PadOutput { Enabled = true, Drive = (at + i) / 100 };
            outputs.Vibration[i] = new VibrationOutput { FrequencyHz = at + 100 + i, Amplitude = (at + i) / 10 };
        }

        return (sensors, outputs);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    public void A_ring_of_fewer_than_two_slots_is_refused(int capacity) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TickSampleRing(Shape, capacity));

    [Fact]
    public void A_slot_holds_the_tick_as_written()
    {
        var ring = new TickSampleRing(Shape, 2);
        var (sensors, outputs) = Frames(1);
        var intent = new ControlIntent(2, 2, 2);
        intent.Pads[0] = new PadIntent { Active = true, SetpointC = 35.5 };
        intent.Pads[1] = new PadIntent { Active = false, SetpointC = 36.5 };

        Assert.True(ring.TryWrite(sensors, outputs, timeS: 1.25, safe: true, wallTicks: 638_000_000_000_000_000, intent, sinceDueTicks: 30_000));

        Assert.Equal((2, 2, 2, 2, 1), (ring.Capacity, ring.PadCount, ring.VibCount, ring.PressureCount, ring.Count));
        Assert.Same(Shape, ring.Shape);
        var s = ring.Peek(0);
        Assert.Equal(1.25, s.TimeS);
        Assert.True(s.Safe);
        Assert.Equal(new DateTimeOffset(638_000_000_000_000_000, TimeSpan.Zero), s.WallClock);
        Assert.Equal(s.WallClock - TimeSpan.FromMilliseconds(3), s.ScheduledWallClock);   // stamped 3 ms after its tick was due
        Assert.Equal([31.0, 32.0], [s.PadMeasuredC(0), s.PadMeasuredC(1)]);
        Assert.Equal([32.0, 33.0], [s.PadSafetyC(0), s.PadSafetyC(1)]);
        Assert.Equal([0.01, 0.02], [s.PadDrive(0), s.PadDrive(1)]);
        Assert.Equal(35.5, s.PadTargetC(0));
        Assert.True(double.IsNaN(s.PadTargetC(1)), "a pad not under control has no target");
        Assert.Equal([101.0, 102.0], [s.VibFrequencyHz(0), s.VibFrequencyHz(1)]);
        Assert.Equal([0.1, 0.2], [s.VibAmplitude(0), s.VibAmplitude(1)]);
        Assert.Equal([6.0, 7.0], [s.PressureForceN(0), s.PressureForceN(1)]);
    }

    [Fact]
    public void A_disabled_bridge_is_recorded_as_no_drive_a_failed_reading_as_none_and_no_intent_as_no_target()
    {
        var ring = new TickSampleRing(Shape, 2);
        var (sensors, outputs) = Frames(1);
        outputs.Pads[1].Enabled = false;
        sensors.Pads[0].ControlC.Ok = false;
        sensors.Pads[1].SafetyC.Ok = false;
        sensors.Pressure[1].ForceN.Ok = false;

        ring.TryWrite(sensors, outputs, 0, safe: false, 0);

        var s = ring.Peek(0);
        Assert.False(s.Safe);
        Assert.Equal(0.01, s.PadDrive(0));
        Assert.Equal(0, s.PadDrive(1));
        Assert.True(double.IsNaN(s.PadMeasuredC(0)));
        Assert.Equal(32.0, s.PadMeasuredC(1));
        Assert.True(double.IsNaN(s.PadSafetyC(1)));
        Assert.True(double.IsNaN(s.PressureForceN(1)));
        Assert.True(double.IsNaN(s.PadTargetC(0)));
    }

    [Fact]
    public void Channels_the_frames_lack_are_recorded_as_nothing()
    {
        var ring = new TickSampleRing(Shape, 2);
        var sensors = new SensorFrame(1, 1, 1);
        sensors.Pads[0].ControlC = Good(30);
        sensors.Pads[0].SafetyC = Good(31);
        sensors.Pressure[0].ForceN = Good(4);
        var outputs = new ActuatorFrame(1, 1);
        outputs.Pads[0] = new PadOutput { Enabled = true, Drive = 0.5 };
        outputs.Vibration[0] = new VibrationOutput { FrequencyHz = 90, Amplitude = 0.3 };
        var intent = new ControlIntent(1, 1, 1);
        intent.Pads[0] = new PadIntent { Active = true, SetpointC = 34 };

        ring.TryWrite(sensors, outputs, 0, safe: false, 0, intent);

        var s = ring.Peek(0);
        Assert.Equal((30.0, 31.0, 0.5, 34.0), (s.PadMeasuredC(0), s.PadSafetyC(0), s.PadDrive(0), s.PadTargetC(0)));
        Assert.True(double.IsNaN(s.PadMeasuredC(1)));
        Assert.True(double.IsNaN(s.PadSafetyC(1)));
        Assert.Equal(0, s.PadDrive(1));
        Assert.True(double.IsNaN(s.PadTargetC(1)));
        Assert.Equal((90.0, 0.3), (s.VibFrequencyHz(0), s.VibAmplitude(0)));
        Assert.Equal((0.0, 0.0), (s.VibFrequencyHz(1), s.VibAmplitude(1)));
        Assert.Equal(4.0, s.PressureForceN(0));
        Assert.True(double.IsNaN(s.PressureForceN(1)));
    }

    [Fact]
    public void A_full_ring_drops_and_counts_the_new_sample_and_keeps_the_old_ones()
    {
        var ring = new TickSampleRing(Shape, 2);
        var (sensors, outputs) = Frames(0);
        Assert.True(ring.TryWrite(sensors, outputs, 1, false, 0));
        Assert.True(ring.TryWrite(sensors, outputs, 2, false, 0));

        Assert.False(ring.TryWrite(sensors, outputs, 3, false, 0));
        Assert.False(ring.TryWrite(sensors, outputs, 4, false, 0));

        Assert.Equal(2, ring.Dropped);
        Assert.Equal(2, ring.Count);
        Assert.Equal([1.0, 2.0], [ring.Peek(0).TimeS, ring.Peek(1).TimeS]);
    }

    [Fact]
    public void Samples_are_read_oldest_first_across_the_end_of_the_ring()
    {
        var ring = new TickSampleRing(Shape, 3);
        for (var t = 1; t <= 3; t++)
        {
            var (sensors, outputs) = Frames(t);
            ring.TryWrite(sensors, outputs, t, false, 0);
        }

        ring.Advance(2);
        Assert.Equal(1, ring.Count);
        for (var t = 4; t <= 5; t++)
        {
            var (sensors, outputs) = Frames(t);
            Assert.True(ring.TryWrite(sensors, outputs, t, false, 0));
        }

        Assert.Equal(3, ring.Count);
        Assert.Equal(0, ring.Dropped);
        Assert.Equal([3.0, 4.0, 5.0], [ring.Peek(0).TimeS, ring.Peek(1).TimeS, ring.Peek(2).TimeS]);
        Assert.Equal([33.0, 34.0, 35.0], [ring.Peek(0).PadMeasuredC(0), ring.Peek(1).PadMeasuredC(0), ring.Peek(2).PadMeasuredC(0)]);
        Assert.Equal([0.5, 0.6], [ring.Peek(1).VibAmplitude(1), ring.Peek(2).VibAmplitude(1)]);
        Assert.Equal([103.0, 105.0, 106.0], [ring.Peek(0).VibFrequencyHz(0), ring.Peek(1).VibFrequencyHz(1), ring.Peek(2).VibFrequencyHz(1)]);
        Assert.Equal(11.0, ring.Peek(2).PressureForceN(1));
    }
}
