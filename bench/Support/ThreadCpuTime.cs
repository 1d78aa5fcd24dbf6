using System.Runtime.InteropServices;

namespace AmpsDevice.Bench.Support;

/// <summary>
/// CPU time of the calling thread (CLOCK_THREAD_CPUTIME_ID): what a computation cost, whatever else shares the
/// cores. On a busy machine the wall time of the same computation can be several times longer.
/// </summary>
public static partial class ThreadCpuTime
{
    private const int ClockThreadCpuTimeId = 3;

    /// <summary>Seconds of CPU the calling thread has used.</summary>
    public static double Seconds()
    {
        if (ClockGetTime(ClockThreadCpuTimeId, out var ts) != 0)
        {
            throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");
        }

        return ts.Seconds + ts.Nanoseconds / 1e9;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);
}
