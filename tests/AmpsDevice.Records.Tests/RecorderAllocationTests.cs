using AmpsDevice.FirmwareHost.Control;
using AmpsDevice.FirmwareHost.Hardware;
using AmpsDevice.FirmwareHost.Safety;
using AmpsDevice.FirmwareHost.Sessions;
using AmpsDevice.FirmwareHost.Sessions.Records;
using AmpsDevice.Protocol.Messages;

namespace AmpsDevice.Records.Tests;

/// <summary>The recorder's control-thread side: a tick copies into the ring and allocates nothing.</summary>
public class RecorderAllocationTests
{
    private static readonly DeviceShape Shape = new(["pad1", "pad2"], ["vib1", "vib2"], ["pressure1", "pressure2"]);

    [Fact]
    public void A_recording_tick_allocates_nothing_and_keeps_every_tenth_tick()
    {
        var engine = new SessionEngine(2, [], TimeProvider.System, new SessionOptions());
        var recorder = new SessionRecorder(Shape, 100, engine, TimeProvider.System);
        var sensors = Shape.CreateSensorFrame();
        sensors.Pads[0].ControlC.Ok = true;
        var outputs = Shape.CreateActuatorFrame();
        var snapshot = new SessionSnapshot(SessionState.Running, "s-1", "p-001", "profile", 0, 1, 0, 10, null);
        recorder.OnSessionEvent(new SessionEvent(EventKind.SessionStarted, 0, DateTimeOffset.UnixEpoch, snapshot));
        for (var i = 0; i < 200; i++)
        {
            recorder.OnTick(new TickView(0, i / 100.0, i, sensors, outputs, false, Shape));
        }

        Assert.True(recorder.TryTake(out var opening));
        Assert.Equal(EventKind.SessionStarted, ((RecordedEvent)opening).Event.Kind);
        recorder.Ring.Advance(recorder.Ring.Count);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 200; i < 1200; i++)
        {
            sensors.Pads[0].ControlC.Value = i;
            recorder.OnTick(new TickView(0, i / 100.0, i, sensors, outputs, false, Shape));
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(100, recorder.Ring.Count);
        Assert.Equal(200, recorder.Ring.Peek(0).PadMeasuredC(0));
        Assert.Equal(210, recorder.Ring.Peek(1).PadMeasuredC(0));
    }
}
