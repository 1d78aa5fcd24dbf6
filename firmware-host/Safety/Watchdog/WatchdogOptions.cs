namespace AmpsDevice.FirmwareHost.Safety.Watchdog;

/// <summary>Configuration section "Watchdog".</summary>
public sealed class WatchdogOptions
{
    public const string SectionName = "Watchdog";

    /// <summary>The control loop counts as alive while its last tick is younger than this, ms.</summary>
    public double LoopAliveWithinMs { get; set; } = 100;

    /// <summary>Kernel watchdog device to keep alive, e.g. <c>/dev/watchdog</c>; empty to leave it alone.</summary>
    public string KernelDevice { get; set; } = "";
}
