using System.Diagnostics;
using AmpsDevice.FirmwareHost.Control;

namespace AmpsDevice.Bench.Support;

/// <summary>
/// The platform's own floor for tick lateness: a thread that does nothing but wait for 10 ms deadlines the way
/// <see cref="ControlLoopRunner"/> does (sleep to 0.4 ms before, then spin), under SCHED_FIFO like the control
/// thread, with no tick in between. What it measures is the operating system's and the virtual machine's wake-up
/// latency, which no change to the loop can remove.
/// </summary>
public static class TimerFloor
{
    public static double[] Measure(TimeSpan duration, double periodMs = 10)
    {
        var period = TimeSpan.FromMilliseconds(periodMs);
        // The deadlines one period apart from one period from now, up to (not at) the end of the duration.
        var count = (int)Math.Ceiling(duration / period) - 1;
        return OnDeadlinesAsync(count, period, period, realTime: true, "timer-floor").GetAwaiter().GetResult();
    }

    /// <summary>
    /// The same floor for a thread of normal priority that sleeps to deadlines <paramref name="period"/> apart, as the
    /// service's telemetry threads wait: how late the kernel lets such a thread run again on this
    /// machine under its present load. Runs on a thread of its own for <paramref name="count"/> deadlines, the first
    /// <paramref name="phase"/> from now; the task completes with each wake-up's lateness in ms.
    /// </summary>
    public static Task<double[]> SleeperAsync(int count, TimeSpan period, TimeSpan phase) =>
        OnDeadlinesAsync(count, period, phase, realTime: false, "sleeper-floor");

    /// <summary>
    /// A thread of its own (under SCHED_FIFO, as the control thread, when <paramref name="realTime"/>) that waits for
    /// <paramref name="count"/> deadlines <paramref name="period"/> apart, the first <paramref name="phase"/> from now,
    /// each by <see cref="SleepUntil"/>, and at each calls <paramref name="atDeadline"/> (if any) with the deadline's
    /// index, the deadline and the moment it woke at (<see cref="Stopwatch"/> timestamps); the task completes with each
    /// wake-up's lateness in ms.
    /// </summary>
    public static Task<double[]> OnDeadlinesAsync(int count, TimeSpan period, TimeSpan phase, bool realTime, string name,
        Action<int, long, long>? atDeadline = null)
    {
        var done = new TaskCompletionSource<double[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            if (realTime)
            {
                _ = RealTimeScheduling.TryEnterFifo(40);
            }

            var samples = new double[count];
            var step = (long)(period.TotalSeconds * Stopwatch.Frequency);
            var deadline = Stopwatch.GetTimestamp() + (long)(phase.TotalSeconds * Stopwatch.Frequency);
            for (var i = 0; i < count; i++, deadline += step)
            {
                SleepUntil(deadline);
                var woke = Stopwatch.GetTimestamp();
                samples[i] = TickLatenessRecorder.ToMs(woke - deadline);
                atDeadline?.Invoke(i, deadline, woke);
            }

            done.SetResult(samples);
        })
        { Name = name, IsBackground = true };
        thread.Start();
        return done.Task;
    }

    /// <summary>
    /// Waits for a <see cref="Stopwatch"/> deadline as <see cref="ControlLoopRunner"/> does: sleeps to 0.4 ms before
    /// it, then spins, so that what lateness is left is the wake-up's, never an early return.
    /// </summary>
    public static void SleepUntil(long deadline)
    {
        var margin = Stopwatch.Frequency * 4 / 10_000;
        var remaining = deadline - Stopwatch.GetTimestamp();
        if (remaining > margin)
        {
            Thread.Sleep(TimeSpan.FromSeconds((double)(remaining - margin) / Stopwatch.Frequency));
        }

        while (Stopwatch.GetTimestamp() < deadline)
        {
            Thread.SpinWait(20);
        }
    }
}
