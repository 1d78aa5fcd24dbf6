using System.Runtime.InteropServices;

namespace AmpsDevice.FirmwareHost.Control;

/// <summary>
/// Puts the calling thread under Linux's <c>SCHED_FIFO</c> real-time policy, so that ordinary processes (a
/// package update, log rotation, a busy dashboard connection) cannot push a control tick past its deadline:
/// a FIFO thread runs as soon as it is runnable, ahead of every normal thread. The loop sleeps most of each
/// period, and the kernel's real-time throttling (95 % of each second, <c>sched_rt_runtime_us</c>) still leaves
/// the rest of the system a share even if a bug ever made it spin.
/// Needs root, <c>CAP_SYS_NICE</c> or <c>LimitRTPRIO=</c> in the systemd unit (docs/deployment/ampsdevice.service).
/// </summary>
public static partial class RealTimeScheduling
{
    private const int SchedFifo = 1;

    /// <summary>Switches the calling thread to SCHED_FIFO at <paramref name="priority"/> (1-99).</summary>
    /// <returns>null when done; otherwise why not (not Linux, or the errno the kernel gave).</returns>
    public static string? TryEnterFifo(int priority)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(priority, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(priority, 99);
        if (!OperatingSystem.IsLinux())
        {
            return "real-time scheduling is only used on Linux";
        }

        var param = new SchedParam { Priority = priority };
        // pid 0 = the calling thread (sched_setscheduler acts per thread on Linux).
        return SchedSetScheduler(0, SchedFifo, in param) == 0
            ? null
            : $"sched_setscheduler(SCHED_FIFO, {priority}) failed: {Marshal.GetLastPInvokeErrorMessage()} (errno {Marshal.GetLastPInvokeError()})";
    }

    /// <summary>True when the calling thread runs under SCHED_FIFO.</summary>
    public static bool IsFifo() => OperatingSystem.IsLinux() && SchedGetScheduler(0) == SchedFifo;

    [StructLayout(LayoutKind.Sequential)]
    private struct SchedParam
    {
        public int Priority;
    }

    [LibraryImport("libc", EntryPoint = "sched_setscheduler", SetLastError = true)]
    private static partial int SchedSetScheduler(int pid, int policy, in SchedParam param);

    [LibraryImport("libc", EntryPoint = "sched_getscheduler")]
    private static partial int SchedGetScheduler(int pid);
}
