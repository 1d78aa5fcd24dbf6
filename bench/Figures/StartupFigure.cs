using System.Globalization;
using System.Text.RegularExpressions;
using AmpsDevice.Bench.Support;

namespace AmpsDevice.Bench.Figures;

/// <summary>
/// Process start to outputs safe, and to ready: the real <c>ampsdevice run --simulate</c> started several times
/// (against a local mosquitto), each reading its own milestone log lines (milliseconds since the process started,
/// taken from /proc by the service itself).
/// </summary>
public sealed partial class StartupFigure : IFigure
{
    public string Name => "startup";

    public async Task<IReadOnlyList<FigureResult>> MeasureAsync(FigureRunOptions options, CancellationToken cancellationToken)
    {
        var starts = options.Quick ? 3 : 9;
        var exe = PublishedProgram.Device.Executable;
        using var broker = MosquittoBroker.Anonymous();
        var safe = new List<double>();
        var ready = new List<double>();
        var safeCpu = new List<double>();
        for (var i = 0; i < starts; i++)
        {
            using var data = new TempDirectory("amps-bench-device");
            using var device = DeviceProcess.FromExecutable(exe, broker.Uri, $"bench-start-{i}", data.Path, "--allow-remote-start");
            safe.Add(await device.WaitForMilestoneAsync("Outputs safe", TimeSpan.FromSeconds(30)));
            ready.Add(await device.WaitForMilestoneAsync("Ready", TimeSpan.FromSeconds(30)));
            var cpu = device.Lines.Select(l => SafeCpu().Match(l)).First(m => m.Success);
            safeCpu.Add(double.Parse(cpu.Groups[1].Value, CultureInfo.InvariantCulture));
        }

        var median = Stats.Median(safe);
        return
        [
            new("process start to outputs safe / to ready, ms",
                $"{Stats.MedianSpread(safe, "0", "ms")} / {Stats.MedianSpread(ready, "0", "ms")}",
                "safe < 100 ms (median)", median < 100,
                $"the published `ampsdevice` (`dotnet publish firmware-host -c Release`, the project's publish settings) run as `run --simulate` {starts} times against a local mosquitto; " +
                $"the service logs both moments with the milliseconds since its process started (its start time from /proc). Safe per start: {Stats.Runs(safe, "0")} ms; ready: {Stats.Runs(ready, "0")} ms. " +
                $"The CPU time the process had used when its outputs were safe (it logs that too): {Stats.MedianSpread(safeCpu, "0", "ms")}; on a busy machine the rest of the wall time is waiting for a core."),
        ];
    }

    [GeneratedRegex(@"Outputs safe \d+ ms after process start \((\d+) ms of CPU\)")]
    private static partial Regex SafeCpu();
}
