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

    /// <summary>30 s of ticks before a run counts: the session's first ramp, and the loop's first-time paths.</summary>
    private const int WarmUpTicks = 3000;

    /// <summary>
    /// Ticks of a throw-away rig before the first run, on the wall clock: tiered compilation replaces the tick's
    /// methods in the background for the first seconds of a process, and without this the first runs' medians
    /// were 18.7, 7.2 and 5.0 µs against 1.7 to 2.9 µs for the later ones.
    /// </summary>
    private static readonly TimeSpan WarmUpWall = TimeSpan.FromSeconds(3);

    public string Name => "tick";

    public Task<IReadOnlyList<FigureResult>> MeasureAsync(FigureRunOptions options, CancellationToken cancellationToken)
    {
        var runs = options.Quick ? 3 : 7;
        var sessionS = options.Quick ? 60 : 240;
        var runMedian = new List<double>();
        var cpuPerTickUs = new List<double>();
        var runP99 = new List<double>();
        var bytesPerTick = new List<double>();
        long activeTicks = 0;
        WarmUp(WarmUpTicks + sessionS * 100);
        for (var run = 0; run < runs; run++)
        {
            using var session = new EveryChannelSession(seed: run + 1);
            var (clock, rig, period) = (session.Clock, session.Rig, session.Period);

            // Warm-up (JIT, tiered compilation, the session's first ramp) before anything counts.
            session.Tick(WarmUpTicks);

            var thisRun = new List<double>();
            var cpuStart = ThreadCpuTime.Seconds();
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

            cpuPerTickUs.Add((ThreadCpuTime.Seconds() - cpuStart) / ticks * 1e6);
            activeTicks += thisRun.Count;
            runMedian.Add(Stats.Median(thisRun));
            runP99.Add(Stats.Percentile(thisRun, 99));
            bytesPerTick.Add((double)allocated / ticks);
        }

        var medianUs = runMedian.Select(v => v * 1000).ToList();
        var p99Us = runP99.Select(v => v * 1000).ToList();
        var p99 = Stats.Median(runP99);
        var bytes = bytesPerTick.Max();
        IReadOnlyList<FigureResult> results =
        [
            new("control tick, every channel active: median / p99, µs (p99 as % of the 10 ms period)",
                $"{Stats.MedianSpread(medianUs, "0.0", "µs")} / {Stats.MedianSpread(p99Us, "0.0", "µs")} ({p99 / PeriodMs * 100:0.00} %)",
                "p99 < 5 % of the period", p99 < 0.05 * PeriodMs,
                $"ControlLoop.Tick on the service composition in virtual time, {runs} runs of {sessionS} s, each after a 30 s warm-up and all after {WarmUpWall.TotalSeconds:0} s of wall time ticking a throw-away rig (tiered compilation); " +
                $"{activeTicks} ticks with every channel active; each run's median and p99, the median of the runs with their spread " +
                $"(medians: {Stats.Runs(medianUs, "0.0")} µs; p99: {Stats.Runs(p99Us, "0.0")} µs). Includes the simulator's physics and register emulation. " +
                $"Wall time, so a busy machine's preemptions count; the thread's CPU time per tick (every tick of a run, with the timing around it): {Stats.MedianSpread(cpuPerTickUs, "0.00", "µs")}."),
            new("bytes allocated per tick, steady state",
                $"{Stats.MedianSpread(bytesPerTick, "0.###", "B")}",
                "0", bytes == 0,
                $"GC.GetAllocatedBytesForCurrentThread around every tick of the same runs ({runs} × {sessionS * 100} ticks), each run's mean."),
        ];
        return Task.FromResult(results);
    }

    /// <summary>Whole throw-away runs (rig, session, the same span of ticks) until the wall-clock budget is spent.</summary>
    private static void WarmUp(int ticksPerRun)
    {
        var watch = Stopwatch.StartNew();
        do
        {
            using var session = new EveryChannelSession(seed: 1);
            session.Tick(ticksPerRun);
        }
        while (watch.Elapsed < WarmUpWall);
    }

    /// <summary>The service's composition in virtual time with the every-channel session started, stepped tick by tick.</summary>
    private sealed class EveryChannelSession : IDisposable
    {
        public EveryChannelSession(int seed)
        {
            Rig = new ServiceRig(time: Clock, seed: seed);
            Rig.Loop.Start();
            _ = Rig.PostEveryChannelSession();
            Period = TimeSpan.FromSeconds(Rig.Loop.PeriodS);
        }

        public VirtualTimeProvider Clock { get; } = new();

        public ServiceRig Rig { get; }

        public TimeSpan Period { get; }

        public void Tick(int ticks)
        {
            for (var i = 0; i < ticks; i++)
            {
                Clock.Advance(Period);
                Rig.Loop.Tick();
            }
        }

        public void Dispose() => Rig.Dispose();
    }
}
