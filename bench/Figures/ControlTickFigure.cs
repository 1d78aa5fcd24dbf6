using System.Diagnostics;
using AmpsDevice.Bench.Support;
using AmpsDevice.Simulator.Time;

namespace AmpsDevice.Bench.Figures;

/// <summary>
/// What one control tick costs: <see cref="FirmwareHost.Control.ControlLoop.Tick"/> called directly on the
/// service's own composition (telemetry observer included) in virtual time, every channel active, timed with
/// <see cref="Stopwatch"/>; and the bytes it allocates, from <see cref="GC.GetAllocatedBytesForCurrentThread"/>.
/// The simulated chips answer on the same thread, so the cost includes the simulator's physics and register
/// emulation: an upper bound for the CPU time of a tick on hardware, where the I2C bus time is added instead.
/// </summary>
public sealed class ControlTickFigure : IFigure
{
    private const double PeriodMs = 10;

    public string Name => "tick";

    public Task<IReadOnlyList<FigureResult>> MeasureAsync(FigureRunOptions options, CancellationToken cancellationToken)
    {
        var runs = options.Quick ? 3 : 7;
        var sessionS = options.Quick ? 60 : 240;
        var durations = new List<double>();
        var runP99 = new List<double>();
        var bytesPerTick = new List<double>();
        long activeTicks = 0;
        for (var run = 0; run < runs; run++)
        {
            var clock = new VirtualTimeProvider();
            using var rig = new ServiceRig(time: clock, seed: run + 1);
            rig.Loop.Start();
            _ = rig.PostEveryChannelSession();
            var period = TimeSpan.FromSeconds(rig.Loop.PeriodS);

            // Warm-up (JIT, tiered compilation, the session's first ramp) before anything counts.
            for (var i = 0; i < 3000; i++)
            {
                clock.Advance(period);
                rig.Loop.Tick();
            }

            var thisRun = new List<double>();
            long allocated = 0;
            long ticks = 0;
            for (var i = 0; i < sessionS * 100; i++)
            {
                clock.Advance(period);
                var before = GC.GetAllocatedBytesForCurrentThread();
                var start = Stopwatch.GetTimestamp();
                rig.Loop.Tick();
                var elapsed = Stopwatch.GetElapsedTime(start);
                allocated += GC.GetAllocatedBytesForCurrentThread() - before;
                ticks++;
                if (ChannelActivity.EveryChannelActive(rig.Loop))
                {
                    thisRun.Add(elapsed.TotalMilliseconds);
                }
            }

            activeTicks += thisRun.Count;
            durations.AddRange(thisRun);
            runP99.Add(Stats.Percentile(thisRun, 99));
            bytesPerTick.Add((double)allocated / ticks);
        }

        var median = Stats.Median(durations);
        var p99 = Stats.Median(runP99);
        var bytes = bytesPerTick.Max();
        IReadOnlyList<FigureResult> results =
        [
            new("control tick, every channel active: median / p99 (% of the 10 ms period)",
                $"{median * 1000:0} µs / {p99 * 1000:0} µs ({median / PeriodMs * 100:0.00} % / {p99 / PeriodMs * 100:0.00} %)",
                "< 5 % of the period", p99 < 0.05 * PeriodMs,
                $"ControlLoop.Tick on the service composition in virtual time, {runs} runs of {sessionS} s after a 30 s warm-up; " +
                $"{activeTicks} ticks with every channel active; median pooled, p99 the median of the runs' p99 (runs: {string.Join(", ", runP99.Select(v => $"{v * 1000:0}"))} µs). Includes the simulator's physics and register emulation."),
            new("bytes allocated per tick, steady state",
                $"{bytes:0.###} B",
                "0", bytes == 0,
                $"GC.GetAllocatedBytesForCurrentThread around every tick of the same runs ({runs} × {sessionS * 100} ticks); the worst run's mean."),
        ];
        return Task.FromResult(results);
    }
}
