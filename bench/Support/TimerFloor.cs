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
        var samples = new List<double>((int)(duration.TotalMilliseconds / periodMs) + 1);
        var thread = new Thread(() =>
        {
            _ = RealTimeScheduling.TryEnterFifo(40);
            var period = (long)(Stopwatch.Frequency * periodMs / 1000);
            var deadline = Stopwatch.GetTimestamp() + period;
            var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
            while (deadline < end)
            {
                SleepUntil(deadline);
                samples.Add(TickLatenessRecorder.ToMs(Stopwatch.GetTimestamp() - deadline));
                deadline += period;
            }
        })
        { Name = "timer-floor", IsBackground = true };
        thread.Start();
        thread.Join();
        return [.. samples];
    }

    /// <summary>
    /// The same floor for a thread of normal priority that sleeps to deadlines <paramref name="period"/> apart, as the
    /// service's telemetry threads wait: how late the kernel lets such a thread run again on this
    /// machine under its present load. Runs on a thread of its own for <paramref name="count"/> deadlines, the first
    /// <paramref name="phase"/> from now; the task completes with each wake-up's lateness in ms.
    /// </summary>
    public static Task<double[]> SleeperAsync(int count, TimeSpan period, TimeSpan phase)
    {
        var done = new TaskCompletionSource<double[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            var samples = new double[count];
            var step = (long)(period.TotalSeconds * Stopwatch.Frequency);
            var deadline = Stopwatch.GetTimestamp() + (long)(phase.TotalSeconds * Stopwatch.Frequency);
            for (var i = 0; i < count; i++, deadline += step)
            {
                SleepUntil(deadline);
                samples[i] = TickLatenessRecorder.ToMs(Stopwatch.GetTimestamp() - deadline);
            }

            done.SetResult(samples);
        })
        { Name = "sleeper-floor", IsBackground = true };
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
