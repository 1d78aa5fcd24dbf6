using AmpsDevice.Bench.Support;

namespace AmpsDevice.Bench.Figures;

/// <summary>
/// The highest tick rate the real-time loop holds with every channel and the supervisor on. A rate is held when,
/// over a run of 10 s: the loop ran at least 99.9 % of the ticks the wall clock asked for, the p99 lateness
/// stayed under half a period, and the supervisor latched no alarm (so no loop-health trip for missed ticks).
/// The tick path is compiled first (<see cref="ServiceRig.WarmUpJit"/>). Rates are tried upward (ControlLoopOptions allows up to 2 kHz); the first one that fails ends the search.
/// </summary>
public sealed class MaxTickRateFigure : IFigure
{
    private static readonly double[] Rates = [100, 250, 500, 1000, 1250, 1500, 2000];

    public string Name => "max-rate";

    public async Task<IReadOnlyList<FigureResult>> MeasureAsync(FigureRunOptions options, CancellationToken cancellationToken)
    {
        var seconds = options.Quick ? 4 : 10;
        ServiceRig.WarmUpJit();
        const int Searches = 3;
        var held = new List<double>();
        var notes = new List<string>();
        for (var search = 0; search < Searches; search++)
        {
            var highest = 0.0;
            var tried = new List<string>();
            foreach (var rate in Rates)
            {
                var (ok, note) = await TryRateAsync(rate, seconds, cancellationToken);
                tried.Add(note);
                if (!ok)
                {
                    break;
                }

                highest = rate;
            }

            held.Add(highest);
            notes.Add($"search {search + 1}: {string.Join("; ", tried)}");
        }

        var median = Stats.Median(held);
        return
        [
            new("highest tick rate held, every channel and the supervisor on, Hz",
                $"{Stats.MedianSpread(held, "0", "Hz")}",
                "≥ 1000 Hz", median >= 1000,
                $"ControlLoopRunner on the service composition, every-channel session, {seconds} s per rate, {Searches} searches upward from {Rates[0]:0} Hz (0 Hz: not even that held), the machine as it was; held = ≥ 99.9 % of the ticks, p99 lateness < half a period, no alarm latched (the loop-health rule trips at more than 3 missed ticks). {string.Join(". ", notes)}."),
        ];
    }

    private static async Task<(bool Ok, string Note)> TryRateAsync(double rate, double seconds, CancellationToken cancellationToken)
    {
        using var rig = new ServiceRig(rate);
        _ = rig.PostEveryChannelSession();
        var started = rig.Time.GetTimestamp();
        await rig.Runner.StartAsync(cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(seconds), cancellationToken);
        await rig.Runner.StopAsync(cancellationToken);
        var elapsed = rig.Time.GetElapsedTime(started).TotalSeconds;
        var ticks = rig.Loop.TickCount;
        var share = ticks / (elapsed * rate);
        var lateness = rig.Runner.Lateness.Snapshot().Select(FirmwareHost.Control.TickLatenessRecorder.ToMs).ToArray();
        var p99 = Stats.Percentile(lateness, 99);
        var p999 = Stats.Percentile(lateness, 99.9);
        var halfPeriodMs = 500 / rate;
        var alarms = rig.Loop.Supervisor.Alarms.Active;
        var ok = share >= 0.999 && p99 < halfPeriodMs && alarms.Count == 0;
        var note = $"{rate:0} Hz: {share * 100:0.00} % of ticks, p99 {p99:0.000} ms (limit {halfPeriodMs:0.000}), p99.9 {p999:0.000} ms, " +
            (alarms.Count == 0 ? "no alarm" : $"alarms {string.Join(", ", alarms.Select(a => a.Rule + "/" + a.Target))}");
        return (ok, note);
    }
}
