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
        var runs = options.Quick ? 3 : 7;
        var speeds = new List<double>();
        var cpuSpeeds = new List<double>();
        var wallS = new List<double>();
        double simulatedS = 0;
        string outcome = "";
        var hardware = SimulateVerb.LoadHardwareOptions();
        for (var run = 0; run < runs + 1; run++)
        {
            var cpu = ThreadCpuTime.Seconds();
            var wall = Stopwatch.StartNew();
            using var sim = new SimulationRun(hardware, seed: run + 1);
            var profile = BenchSession.LoadProfile(sim.Envelope);
            var report = sim.Run(profile, scenario: null, cancellationToken: cancellationToken);
            wall.Stop();
            cpu = ThreadCpuTime.Seconds() - cpu;
            if (run == 0)
            {
                continue; // the first run pays for JIT compilation
            }

            simulatedS = report.DurationS;
            outcome = report.Outcome;
            speeds.Add(report.DurationS / wall.Elapsed.TotalSeconds);
            cpuSpeeds.Add(report.DurationS / cpu);
            wallS.Add(wall.Elapsed.TotalSeconds);
        }

        var median = Stats.Median(speeds);
        IReadOnlyList<FigureResult> results =
        [
            new("simulation speed in-process, one device: simulated s per wall s, ×",
                $"{Stats.MedianSpread(speeds, "0", "×")}",
                "≥ 10000 × (floor: 1000 ×)", median >= 10_000,
                $"SimulationRun.Run (what `ampsdevice simulate` runs, from construction to report) on bench/Profiles/every-channel-30min.json ({outcome}, {simulatedS / 60:0.0} min), " +
                $"{runs} runs after one warm-up run; wall per run {Stats.Runs(wallS, "0.000")} s; per CPU second of the running thread {Stats.MedianSpread(cpuSpeeds, "0", "×")} " +
                "(what the wall figure would be on an idle machine)."),
        ];
        return Task.FromResult(results);
    }
}
