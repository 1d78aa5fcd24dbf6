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
            var margin = Stopwatch.Frequency * 4 / 10_000;
            var deadline = Stopwatch.GetTimestamp() + period;
            var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
            while (deadline < end)
            {
                var remaining = deadline - Stopwatch.GetTimestamp();
                if (remaining > margin)
                {
                    Thread.Sleep(TimeSpan.FromSeconds((double)(remaining - margin) / Stopwatch.Frequency));
                }

                while (Stopwatch.GetTimestamp() < deadline)
                {
                    Thread.SpinWait(20);
                }

                samples.Add(TickLatenessRecorder.ToMs(Stopwatch.GetTimestamp() - deadline));
                deadline += period;
            }
        })
        { Name = "timer-floor", IsBackground = true };
        thread.Start();
        thread.Join();
        return [.. samples];
    }
}
