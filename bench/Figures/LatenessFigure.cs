using AmpsDevice.Bench.Support;
using AmpsDevice.FirmwareHost.Control;

namespace AmpsDevice.Bench.Figures;

/// <summary>
/// How late each tick starts against its deadline in real time: the real <see cref="ControlLoopRunner"/> on the
/// service composition, every-channel session running, while a busy process per core
/// (<c>sh -c 'while :; do :; done'</c>) takes both cores. The runner records every tick's lateness itself.
/// </summary>
public sealed class LatenessFigure : IFigure
{
    public string Name => "lateness";

    public async Task<IReadOnlyList<FigureResult>> MeasureAsync(FigureRunOptions options, CancellationToken cancellationToken)
    {
        ServiceRig.WarmUpJit();
        var runs = 3;
        var seconds = options.Quick ? 15 : 60;
        var p99 = new List<double>();
        var p999 = new List<double>();
        var max = new List<double>();
        long samples = 0;
        var gcBefore = GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2);
        for (var run = 0; run < runs; run++)
        {
            var lateness = await MeasureRunAsync(seconds, Environment.ProcessorCount, cancellationToken);
            samples += lateness.Length;
            p99.Add(Stats.Percentile(lateness, 99));
            p999.Add(Stats.Percentile(lateness, 99.9));
            max.Add(lateness.Max());
        }

        var collections = GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2) - gcBefore;
        var unloaded = await MeasureRunAsync(options.Quick ? 10 : 30, 0, cancellationToken);
        double[] floor;
        using (new CpuLoad(Environment.ProcessorCount))
        {
            floor = TimerFloor.Measure(TimeSpan.FromSeconds(options.Quick ? 10 : 30));
        }

        var p999Median = Stats.Median(p999);
        return
        [
            new("tick lateness in real time, both cores loaded: p99 / p99.9, ms",
                $"{Stats.MedianSpread(p99, "0.000", "ms")} / {Stats.MedianSpread(p999, "0.000", "ms")}",
                "p99.9 < 1 ms", p999Median < 1.0,
                $"ControlLoopRunner at 100 Hz on the service composition, every-channel session, {Environment.ProcessorCount} busy `sh` loops; " +
                $"{runs} runs of {seconds} s ({samples} ticks), each run's percentiles, the median of the runs with their spread; worst single tick {max.Max():0.000} ms. " +
                $"Unloaded for comparison: p99 {Stats.Percentile(unloaded, 99):0.000} ms, p99.9 {Stats.Percentile(unloaded, 99.9):0.000} ms, worst {unloaded.Max():0.000} ms. " +
                $"The platform's floor under the same load (a SCHED_FIFO thread that only sleeps to 10 ms deadlines, no tick): p99 {Stats.Percentile(floor, 99):0.000} ms, p99.9 {Stats.Percentile(floor, 99.9):0.000} ms, worst {floor.Max():0.00} ms. " +
                $"Garbage collections during the loaded runs: {collections}."),
        ];
    }

    /// <summary>Runs the real-time loop for <paramref name="seconds"/> with <paramref name="loadProcesses"/> busy processes; returns lateness, ms.</summary>
    public static async Task<double[]> MeasureRunAsync(double seconds, int loadProcesses, CancellationToken cancellationToken, double tickRateHz = 100)
    {
        using var rig = new ServiceRig(tickRateHz);
        _ = rig.PostEveryChannelSession();
        await rig.Runner.StartAsync(cancellationToken);
        long settled;
        using (new CpuLoad(loadProcesses))
        {
            // The first second (session start, the load processes starting) does not count.
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            settled = rig.Runner.Lateness.Count;
            await Task.Delay(TimeSpan.FromSeconds(seconds), cancellationToken);
        }

        await rig.Runner.StopAsync(cancellationToken);
        return [.. rig.Runner.Lateness.Snapshot().Skip((int)settled).Select(TickLatenessRecorder.ToMs)];
    }
}
