using System.Text.Json;
using AmpsDevice.FirmwareHost.Control;
using AmpsDevice.FirmwareHost.Hardware;
using AmpsDevice.FirmwareHost.Safety;
using AmpsDevice.FirmwareHost.Telemetry;
using AmpsDevice.Protocol.Messages;
using AmpsDevice.Telemetry.Tests.Support;
using Microsoft.Extensions.Options;

namespace AmpsDevice.Telemetry.Tests;

public class TelemetryPipelineTests
{
    private static TelemetryTickObserver Observer(TickSampleRing ring, double loopHz = 100, double rateHz = 10) =>
        new(ring, Options.Create(new MqttOptions { ControlLoopHz = loopHz, TelemetryRateHz = rateHz }), TimeProvider.System);

    [Fact]
    public void A_sample_carries_the_moment_its_tick_was_due_however_late_the_tick_started_or_ran()
    {
        var ring = new TickSampleRing(DeviceStack.Shape, 10);
        var start = new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
        var time = new ManualTime(start);
        var observer = new TelemetryTickObserver(ring, Options.Create(new MqttOptions { ControlLoopHz = 100, TelemetryRateHz = 100 }), time);
        var (sensors, outputs) = (DeviceStack.Shape.CreateSensorFrame(), DeviceStack.Shape.CreateActuatorFrame());
        var due = time.GetTimestamp();
        var ms = TimeSpan.FromMilliseconds(1).Ticks;

        time.Now = start.AddMilliseconds(7);   // the tick woke 7 ms late
        observer.OnTick(new TickView(time.GetTimestamp(), 0, 0, sensors, outputs, false, DeviceStack.Shape) { DueTimestamp = due });
        time.Now = start.AddMilliseconds(11);   // the next woke 1 ms late
        var started = time.GetTimestamp();
        time.Now = start.AddMilliseconds(16);   // and was held up 5 ms before its observers ran (a pause of the process)
        observer.OnTick(new TickView(started, 0.01, 1, sensors, outputs, false, DeviceStack.Shape) { DueTimestamp = due + (10 * ms) });
        observer.OnTick(new TickView(time.GetTimestamp(), 0.02, 2, sensors, outputs, false, DeviceStack.Shape));   // nothing scheduled it

        Assert.Equal((start.AddMilliseconds(7), start), (ring.Peek(0).WallClock, ring.Peek(0).ScheduledWallClock));
        Assert.Equal((start.AddMilliseconds(16), start.AddMilliseconds(10)), (ring.Peek(1).WallClock, ring.Peek(1).ScheduledWallClock));
        Assert.Equal((time.Now, time.Now), (ring.Peek(2).WallClock, ring.Peek(2).ScheduledWallClock));
    }

    [Fact]
    public void Observer_samples_every_tenth_tick_and_allocates_nothing()
    {
        var ring = new TickSampleRing(DeviceStack.Shape, 300);
        var observer = Observer(ring);
        var sensors = DeviceStack.Shape.CreateSensorFrame();
        var outputs = DeviceStack.Shape.CreateActuatorFrame();
        var intent = new ControlIntent(DeviceStack.Shape.Pads.Count, DeviceStack.Shape.Vibration.Count, DeviceStack.Shape.Pressure.Count);
        intent.Pads[0] = new PadIntent { Active = true, SetpointC = 33.5 };
        for (var i = 0; i < 20; i++)
        {
            observer.OnTick(new TickView(0, i / 100.0, i, sensors, outputs, true, DeviceStack.Shape)); // warm up
        }

        var consumed = ring.Count;
        ring.Advance(consumed);
        sensors.Pads[0].ControlC.Ok = true;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 20; i < 1020; i++)
        {
            sensors.Pads[0].ControlC.Value = i;
            observer.OnTick(new TickView(0, i / 100.0, i, sensors, outputs, false, DeviceStack.Shape) { Intent = intent });
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(100, ring.Count);
        Assert.Equal(20, ring.Peek(0).PadMeasuredC(0));
        Assert.Equal(30, ring.Peek(1).PadMeasuredC(0));
        Assert.Equal(33.5, ring.Peek(1).PadTargetC(0));
        Assert.True(double.IsNaN(ring.Peek(1).PadTargetC(1)), "a pad without a target has none in telemetry");
    }

    [Fact]
    public void Encoding_a_batch_with_pad_targets_allocates_nothing_once_warm()
    {
        var ring = new TickSampleRing(DeviceStack.Shape, 20);
        var sensors = DeviceStack.Shape.CreateSensorFrame();
        var outputs = DeviceStack.Shape.CreateActuatorFrame();
        var intent = new ControlIntent(DeviceStack.Shape.Pads.Count, DeviceStack.Shape.Vibration.Count, DeviceStack.Shape.Pressure.Count);
        intent.Pads[0] = new PadIntent { Active = true, SetpointC = 36.25 };
        for (var i = 0; i < 10; i++)
        {
            ring.TryWrite(sensors, outputs, i / 10.0, false, DateTimeOffset.UnixEpoch.UtcTicks, intent);
        }

        using var encoder = new TelemetryEncoder(DeviceStack.Shape, "boot-1");
        encoder.Encode(ring, 10, 1, 0.1, out _); // warm up: the buffer grows to its working size once
        var before = GC.GetAllocatedBytesForCurrentThread();
        var length = 0;
        for (var seq = 2; seq < 100; seq++)
        {
            length += encoder.Encode(ring, 10, seq, 0.1, out _).Length;
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(length > 0);
    }

    [Fact]
    public void A_full_ring_drops_and_counts_instead_of_blocking()
    {
        var ring = new TickSampleRing(DeviceStack.Shape, 4);
        var sensors = DeviceStack.Shape.CreateSensorFrame();
        var outputs = DeviceStack.Shape.CreateActuatorFrame();
        for (var i = 0; i < 6; i++)
        {
            ring.TryWrite(sensors, outputs, i, false, 0);
        }

        Assert.Equal(4, ring.Count);
        Assert.Equal(2, ring.Dropped);
    }

    [Fact]
    public void Encoded_batch_reads_back_as_a_telemetry_batch_and_late_flips_in_place()
    {
        var ring = new TickSampleRing(DeviceStack.Shape, 20);
        var sensors = DeviceStack.Shape.CreateSensorFrame();
        var outputs = DeviceStack.Shape.CreateActuatorFrame();
        sensors.Pads[0].ControlC = new SensorValue { Value = 36.5, Ok = true, Fresh = true };
        // Lost after a good reading: its last value stays in the frame for the rules, but is no reading.
        sensors.Pads[0].SafetyC = new SensorValue { Value = 36.4, Ok = false, TicksSinceFresh = 2 };
        outputs.Pads[0] = new() { Enabled = true, Drive = -0.25 };
        outputs.Vibration[1] = new() { FrequencyHz = 200, Amplitude = 0.3 };
        sensors.Pressure[1].ForceN = new SensorValue { Value = 12.5, Ok = true, Fresh = true };
        var intent = new ControlIntent(DeviceStack.Shape.Pads.Count, DeviceStack.Shape.Vibration.Count, DeviceStack.Shape.Pressure.Count);
        intent.Pads[0] = new PadIntent { Active = true, SetpointC = 35.12346 };
        intent.Pads[1] = new PadIntent { Active = false, SetpointC = 40 };
        ring.TryWrite(sensors, outputs, 1.5, true, DateTimeOffset.UnixEpoch.UtcTicks, intent);
        ring.TryWrite(sensors, outputs, 1.6, false, DateTimeOffset.UnixEpoch.UtcTicks);
        using var encoder = new TelemetryEncoder(DeviceStack.Shape, "boot-1");
        var bytes = encoder.Encode(ring, 2, 7, 0.1, out var lateOffset).ToArray();

        var batch = JsonSerializer.Deserialize(bytes, ProtocolJsonContext.Default.TelemetryBatch)!;
        Assert.Equal(("amps.telemetry/1", "boot-1", 7L, false, 0.1), (batch.Schema, batch.BootId, batch.Seq, batch.Late, batch.SamplePeriodS));
        Assert.Equal(2, batch.Samples.Count);
        var s = batch.Samples[0];
        Assert.Equal(1.5, s.T);
        Assert.True(s.Safe);
        Assert.Equal(new PadSample("pad1", 36.5, null, -0.25, 35.1235), s.Pads[0]);
        Assert.Null(s.Pads[1].TargetC); // not under control: no target, whatever setpoint was left behind
        Assert.Null(batch.Samples[1].Pads[0].TargetC); // written without the control intent
        Assert.Equal(new VibrationSample("vib2", 200, 0.3), s.Vib[1]);
        Assert.Equal(new PressureSample("pressure2", 12.5), s.Pressure[1]);
        // Never converted (the frame's initial 0): null, not 0 °C or 0 N.
        Assert.Equal(new PadSample("pad2", null, null, 0), s.Pads[1]);
        Assert.Equal(new PressureSample("pressure1", null), s.Pressure[0]);

        TelemetryEncoder.MarkLate(bytes, lateOffset);
        Assert.True(JsonSerializer.Deserialize(bytes, ProtocolJsonContext.Default.TelemetryBatch)!.Late);
    }
}
