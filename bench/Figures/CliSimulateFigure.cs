using System.Text.Json;
using AmpsDevice.Bench.Support;

namespace AmpsDevice.Bench.Figures;

/// <summary>
/// <c>ampsdevice simulate</c> as users run it: the published executable started as a process on the 30-minute
/// every-channel profile, <c>--report</c> only, timed from outside with its start-up; and the same with
/// <c>--samples</c> (one CSV row per tick), the two alternated run by run so each pair shares the machine's load,
/// as the ratio of their CPU times.
/// </summary>
public sealed class CliSimulateFigure : IFigure
{
    public string Name => "cli-speed";

    public async Task<IReadOnlyList<FigureResult>> MeasureAsync(FigureRunOptions options, CancellationToken cancellationToken)
    {
        var runs = options.Quick ? 3 : 7;
        var exe = PublishedProgram.Device.Executable;
        using var dir = new TempDirectory("amps-bench-cli");
        var report = Path.Combine(dir.Path, "report.json");
        string[] plain = ["simulate", "--profile", RepoPaths.EveryChannelProfile, "--report", report];
        string[] withSamples = [.. plain, "--samples", Path.Combine(dir.Path, "samples.csv")];

        var wallSpeed = new List<double>();
        var cpuSpeed = new List<double>();
        var wall = new List<double>();
        var cpuRatio = new List<double>();
        var wallRatio = new List<double>();
        double simulatedS = 0;
        for (var run = 0; run <= runs; run++)
        {
            // Alternate which goes first, so neither always runs right after the other.
            ChildTimes.Timed a, b;
            if (run % 2 == 0)
            {
                a = await RunAsync(exe, plain, dir.Path);
                b = await RunAsync(exe, withSamples, dir.Path);
            }
            else
            {
                b = await RunAsync(exe, withSamples, dir.Path);
                a = await RunAsync(exe, plain, dir.Path);
            }

            simulatedS = DurationS(report);
            if (run == 0)
            {
                continue; // the first pair fills the page cache with the published files
            }

            wallSpeed.Add(simulatedS / a.WallS);
            cpuSpeed.Add(simulatedS / a.CpuS);
            wall.Add(a.WallS);
            cpuRatio.Add(b.CpuS / a.CpuS);
            wallRatio.Add(b.WallS / a.WallS);
        }

        var speed = Stats.Median(wallSpeed);
        var ratio = Stats.Median(cpuRatio);
        return
        [
            new("`ampsdevice simulate` as a process, process start included: simulated s per wall s, ×",
                $"{Stats.MedianSpread(wallSpeed, "0", "×")}",
                "≥ 4000 ×", speed >= 4000,
                $"the published executable (`dotnet publish firmware-host -c Release`, the project's publish settings) run as `simulate --profile bench/Profiles/every-channel-30min.json --report FILE` " +
                $"on a {simulatedS / 60:0.0} min session, {runs} runs after one not counted, timed from outside (wall around the process; CPU = user + system of the reaped child); " +
                $"wall per run {Stats.Runs(wall, "0.000")} s; per CPU second {Stats.MedianSpread(cpuSpeed, "0", "×")}."),
            new("`simulate --samples` (one CSV row per tick) on top of the same run: CPU time with ÷ without",
                $"{Stats.MedianSpread(cpuRatio, "0.00", "")}",
                "≤ 1.33", ratio <= 1.33,
                $"the same {runs} runs each paired with one adding `--samples FILE`, the two alternated, the ratio pair by pair; wall time with ÷ without {Stats.MedianSpread(wallRatio, "0.00", "")}."),
        ];
    }

    private static Task<ChildTimes.Timed> RunAsync(string exe, string[] args, string dir) => Checked(ChildTimes.RunAsync(exe, args, dir), args);

    private static async Task<ChildTimes.Timed> Checked(Task<ChildTimes.Timed> run, string[] args)
    {
        var timed = await run;
        return timed.ExitCode == 0 ? timed : throw new InvalidOperationException($"ampsdevice {string.Join(' ', args)} exited {timed.ExitCode}");
    }

    private static double DurationS(string reportPath)
    {
        using var report = JsonDocument.Parse(File.ReadAllBytes(reportPath));
        return report.RootElement.GetProperty("durationS").GetDouble();
    }
}
