using System.Diagnostics;
using AmpsDevice.Bench.Support;
using AmpsDevice.FirmwareHost.Cli;
using AmpsDevice.FirmwareHost.Simulation;

namespace AmpsDevice.Bench.Figures;

/// <summary>
/// Simulated seconds per wall second for one device: <see cref="SimulationRun"/> (what <c>ampsdevice simulate</c>
/// runs) on the 30-minute every-channel profile, from construction to report.
/// </summary>
public sealed class SimulationSpeedFigure : IFigure
{
    public string Name => "sim-speed";

    public Task<IReadOnlyList<FigureResult>> MeasureAsync(FigureRunOptions options, CancellationToken cancellationToken)
    {
        var runs = options.Quick ? 2 : 5;
        var speeds = new List<double>();
        var wallS = new List<double>();
        double simulatedS = 0;
        string outcome = "";
        var hardware = SimulateVerb.LoadHardwareOptions();
        for (var run = 0; run < runs + 1; run++)
        {
            var wall = Stopwatch.StartNew();
            using var sim = new SimulationRun(hardware, seed: run + 1);
            var profile = BenchSession.LoadProfile(sim.Envelope);
            var report = sim.Run(profile, scenario: null, cancellationToken: cancellationToken);
            wall.Stop();
            if (run == 0)
            {
                continue; // the first run pays for JIT compilation
            }

            simulatedS = report.DurationS;
            outcome = report.Outcome;
            speeds.Add(report.DurationS / wall.Elapsed.TotalSeconds);
            wallS.Add(wall.Elapsed.TotalSeconds);
        }

        var median = Stats.Median(speeds);
        IReadOnlyList<FigureResult> results =
        [
            new("simulation speed, one device: simulated s per wall s",
                $"{median:0} × ({Stats.Median(wallS):0.00} s for a {simulatedS / 60:0.0} min session)",
                "≥ 10,000 × (floor: 1,000 ×)", median >= 10_000,
                $"SimulationRun.Run on bench/Profiles/every-channel-30min.json ({outcome}), {runs} runs after one warm-up run, median; runs: {string.Join(", ", speeds.Select(s => $"{s:0}"))} ×."),
        ];
        return Task.FromResult(results);
    }
}
