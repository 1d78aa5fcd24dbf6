using AmpsDevice.FirmwareHost.Control;
using AmpsDevice.FirmwareHost.Sessions.Records;

namespace AmpsDevice.FirmwareHost.Simulation;

/// <summary>
/// <c>simulate --data</c>: commits the session records on the loop's own thread every half second of
/// virtual time. In virtual time the clock waits for the disk, so this costs no lateness, keeps the records
/// the same whatever the machine's speed, and cuts them the way the device's writer does (a power cut at
/// any instant leaves samples up to the last half second).
/// </summary>
public sealed class InlineRecordFlush(RecordWriter writer) : ITickObserver
{
    private double _nextS;

    public void OnTick(in TickView tick)
    {
        if (tick.TimeS < _nextS)
        {
            return;
        }

        _nextS = tick.TimeS + RecordService.CommitInterval.TotalSeconds;
        writer.Flush();
    }
}
