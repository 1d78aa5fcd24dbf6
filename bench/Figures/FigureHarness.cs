using AmpsDevice.Bench.Support;

namespace AmpsDevice.Bench.Figures;

/// <summary>
/// Measures every performance figure, prints the table, and (on a full run of every figure) writes it into
/// docs/performance.md with the machine it was measured on. <c>--quick</c> shortens the long figures for a
/// smoke run; <c>--only NAME</c> measures one group. Neither writes the document.
/// </summary>
public static class FigureHarness
{
    public const string Command = "dotnet run -c Release --project bench -- figures";

    public static IReadOnlyList<IFigure> All { get; } =
    [
        new ControlTickFigure(),
        new LatenessFigure(),
        new MaxTickRateFigure(),
        new SimulationSpeedFigure(),
        new CliSimulateFigure(),
        new DetectionFigure(),
        new TelemetryFigure(),
        new OutboxDrainFigure(),
        new StartupFigure(),
        new ResidentMemoryFigure(),
        new DashboardSampleToScreenFigure(),
        new DashboardFleetFigure(),
        new HistoryIngestFigure(),
        new ClinicYearFigure(),
    ];

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var quick = false;
        string? only = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick": quick = true; break;
                case "--only" when i + 1 < args.Length: only = args[++i]; break;
                default:
                    await stderr.WriteLineAsync($"figures: unknown argument '{args[i]}'; takes [--quick] [--only {string.Join('|', All.Select(f => f.Name))}]");
                    return 2;
            }
        }

        var selected = All.Where(f => only is null || f.Name == only).ToList();
        if (selected.Count == 0)
        {
            await stderr.WriteLineAsync($"figures: no figure named '{only}'; one of {string.Join(", ", All.Select(f => f.Name))}");
            return 2;
        }

        var machine = MachineInfo.Current();
        var options = new FigureRunOptions(quick);
        // One figure at a time: a figure measured beside another (even one that mostly waits on its processes) would
        // count the other's work as its own noise.
        var results = new List<FigureResult>();
        var runStarted = DateTime.UtcNow;
        foreach (var figure in selected)
        {
            await stdout.WriteLineAsync($"measuring {figure.Name} ...");
            var started = DateTime.UtcNow;
            await PrintAsync(stdout, await MeasureOrReportAsync(figure, options), results);
            await stdout.WriteLineAsync($"  ({(DateTime.UtcNow - started).TotalSeconds:0} s)");
        }

        await stdout.WriteLineAsync();
        await stdout.WriteLineAsync(PerformanceReport.Table(results));
        await stdout.WriteLineAsync(PerformanceReport.MachineLine(machine));
        if (only is null && !quick)
        {
            PerformanceReport.Write(RepoPaths.PerformanceDoc, results, machine, DateTime.UtcNow - runStarted);
            await stdout.WriteLineAsync($"written to {RepoPaths.PerformanceDoc}");
        }

        return results.All(r => r.Pass) ? 0 : 1;
    }

    /// <summary>
    /// Measures one group; a group that fails is a row that says so (a missed goal), and the run goes on: an hour of
    /// other figures is not lost to one, and the table shows what could not be measured.
    /// </summary>
    private static async Task<IReadOnlyList<FigureResult>> MeasureOrReportAsync(IFigure figure, FigureRunOptions options)
    {
        try
        {
            return await MeasureWithLoadAsync(figure, options);
        }
        catch (Exception ex)
        {
            return [new FigureResult($"{figure.Name}: not measured", $"failed: {ex.GetType().Name}: {ex.Message}", "measured", false, ex.ToString().ReplaceLineEndings(" "))];
        }
    }

    /// <summary>Measures one group while the load average is sampled; every result of the group carries the load seen.</summary>
    private static async Task<IReadOnlyList<FigureResult>> MeasureWithLoadAsync(IFigure figure, FigureRunOptions options)
    {
        using var load = new LoadAverage();
        var measured = await Task.Run(() => figure.MeasureAsync(options, CancellationToken.None));
        var range = load.Range();
        return [.. measured.Select(r => r with { Load = range })];
    }

    private static async Task PrintAsync(TextWriter stdout, IReadOnlyList<FigureResult> measured, List<FigureResult> results)
    {
        results.AddRange(measured);
        foreach (var r in measured)
        {
            await stdout.WriteLineAsync($"  {r.Figure}: {r.Measured} (goal {r.Goal}: {(r.Pass ? "pass" : "MISS")}; load {r.Load})");
            await stdout.WriteLineAsync($"    {r.Method}");
        }
    }
}
