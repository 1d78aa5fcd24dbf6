namespace AmpsDevice.FirmwareHost.Safety.Watchdog;

/// <summary>The last time the control loop completed a tick: what the watchdogs check.</summary>
public sealed class LoopHeartbeat
{
    private long _last;

    public void Beat(long timestamp) => Volatile.Write(ref _last, timestamp);

    public long Last => Volatile.Read(ref _last);
}
