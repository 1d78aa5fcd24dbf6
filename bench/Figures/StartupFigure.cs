using AmpsDevice.Bench.Support;

namespace AmpsDevice.Bench.Figures;

/// <summary>
/// Process start to outputs safe, and to ready: the real <c>ampsdevice run --simulate</c> started several times
/// (against a local mosquitto), each reading its own milestone log lines (milliseconds since the process started,
/// taken from /proc by the service itself).
/// </summary>
public sealed class StartupFigure : IFigure
{
    public string Name => "startup";

    public async Task<IReadOnlyList<FigureResult>> MeasureAsync(FigureRunOptions options, CancellationToken cancellationToken)
    {
        var starts = options.Quick ? 3 : 9;
        using var broker = MosquittoBroker.Anonymous();
        var safe = new List<double>();
        var ready = new List<double>();
        for (var i = 0; i < starts; i++)
        {
            using var data = new TempDirectory("amps-bench-device");
            using var device = new DeviceProcess(broker.Uri, $"bench-start-{i}", data.Path, "--allow-remote-start");
            safe.Add(await device.WaitForMilestoneAsync("Outputs safe", TimeSpan.FromSeconds(30)));
            ready.Add(await device.WaitForMilestoneAsync("Ready", TimeSpan.FromSeconds(30)));
        }

        var worstSafe = safe.Max();
        return
        [
            new("process start to outputs safe / to ready: median (worst)",
                $"{Stats.Median(safe):0} ms ({worstSafe:0} ms) / {Stats.Median(ready):0} ms ({ready.Max():0} ms)",
                "safe within 200 ms", worstSafe < 200,
                $"`ampsdevice run --simulate` (dotnet exec of the Release build, JIT, no ReadyToRun) started {starts} times against a local mosquitto; " +
                $"the service logs both moments with the milliseconds since its process started. Safe per start: {string.Join(", ", safe.Select(v => $"{v:0}"))} ms."),
        ];
    }
}
