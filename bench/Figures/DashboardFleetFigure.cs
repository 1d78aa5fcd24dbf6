using AmpsDevice.Bench.Dashboard;
using AmpsDevice.Bench.Fleet;
using AmpsDevice.Bench.Support;
using AmpsDevice.FirmwareHost.Telemetry;

namespace AmpsDevice.Bench.Figures;

/// <summary>
/// Fifty devices into one dashboard on this machine: the fleet tool (<see cref="FleetRun"/>, in the bench's process)
/// publishes 50 devices' status, telemetry at the default cadence, session state and events through mosquitto into
/// a real <c>ampsdashboard</c>, with the clinic view open in Debian's chromium. Per run (a fresh dashboard each): the
/// lag of the newest sample on three devices' live streams, first minute against last; the dashboard's CPU share
/// and resident memory; the clinic view's animation-frame intervals.
/// </summary>
public sealed class DashboardFleetFigure : IFigure
{
    private const int Devices = 50;

    /// <summary>The resident-memory goal, 150 MB (10^6 bytes), in MiB, the unit VmRSS is reported in here.</summary>
    private const double GoalMiB = 150e6 / (1024 * 1024);

    public string Name => "fleet-50";

    public async Task<IReadOnlyList<FigureResult>> MeasureAsync(FigureRunOptions options, CancellationToken cancellationToken)
    {
        var runs = options.Quick ? 1 : 3;
        var runS = options.Quick ? 120 : 300;
        var window = TimeSpan.FromSeconds(60);
        var profile = FleetCommand.LoadProfile();
        using var broker = MosquittoBroker.Anonymous();
        var results = new List<Run>();
        for (var r = 0; r < runs; r++)
        {
            results.Add(await RunOnceAsync(broker, profile, runS, window, cancellationToken));
        }

        var cadence = new MqttOptions();
        var firstLag = results.Select(r => r.FirstLagMs).ToList();
        var lastLag = results.Select(r => r.LastLagMs).ToList();
        var growth = results.Select(r => r.LastLagMs - r.FirstLagMs).ToList();
        var rss = results.Select(r => r.RssMiB).ToList();
        var peak = results.Select(r => r.PeakRssMiB).ToList();
        var cpu = results.Select(r => r.CpuPercent).ToList();
        var frames = results.Select(r => r.FrameMedianMs).ToList();
        var frameP99 = results.Select(r => r.FrameP99Ms).ToList();
        var loads = results.SelectMany(r => r.Loads).ToList();
        var setting = $"{Devices} devices at the default cadence ({cadence.TelemetryRateHz / cadence.BatchSize:0} telemetry messages/s each, session state 1/s while running, events), " +
            $"{runs} runs of {runS} s, a fresh dashboard each; the fleet tool ({Fmt(results.Select(r => r.FleetMsgsPerS), "0")} msg/s, {Fmt(results.Select(r => r.FleetKiBPerS), "0")} KiB/s of payload per run) " +
            $"runs in the bench's process on the same 2 cores (the bench's process: {Fmt(results.Select(r => r.FleetCpuPercent), "0")} % of a core), as do mosquitto and chromium; " +
            $"load average {loads.Min():0.0}-{loads.Max():0.0} during the runs (shared machine)";
        return
        [
            new($"{Devices} devices into one dashboard: lag of the newest sample, first vs last minute of {runS / 60} (median)",
                $"{Stats.Median(firstLag):0} ms → {Stats.Median(lastLag):0} ms",
                "no growing lag (last − first < 100 ms)", Stats.Median(growth) < 100,
                $"{setting}. Lag: wall clock at the arrival of each telemetry update on the dashboard's live stream (Server-Sent Events, as the console reads it) of " +
                $"three devices minus its newest sample's time; median of the first and of the last {window.TotalSeconds:0} s per run; runs: {string.Join(", ", results.Select(r => $"{r.FirstLagMs:0} → {r.LastLagMs:0} ms"))}."),
            new($"dashboard with {Devices} devices: CPU share, resident memory after {runS / 60} min (peak)",
                $"{Stats.Median(cpu):0} % of a core, {Stats.Median(rss):0} MiB (peak {peak.Max():0} MiB)",
                $"resident < 150 MB ({GoalMiB:0} MiB)", rss.Max() < GoalMiB && peak.Max() < GoalMiB,
                $"{setting}. CPU: utime + stime of the dashboard's process over each run per wall second, runs {Fmt(cpu, "0")} % of one core (the machine has two); " +
                $"VmRSS at the end of each run {Fmt(rss, "0.0")} MiB, sampled every 10 s, peaks {Fmt(peak, "0.0")} MiB."),
            new($"clinic view with {Devices} devices listed: animation-frame interval median / p99",
                $"{Stats.Median(frames):0.0} ms / {Stats.Median(frameP99):0.0} ms",
                "p99 < 50 ms", Stats.Median(frameP99) < 50,
                $"{setting}. requestAnimationFrame deltas in the clinic page (`/`, 1280×900, headless chromium; a summary update redraws the card of its device) over each whole run after it listed all {Devices}; " +
                $"median of the runs' medians and p99s; runs: {string.Join(", ", results.Select(r => $"{r.FrameMedianMs:0.0} / {r.FrameP99Ms:0.0} ms ({r.Frames} frames)"))}."),
        ];
    }

    private static async Task<Run> RunOnceAsync(MosquittoBroker broker, AmpsDevice.Protocol.Profiles.StimulusProfile profile, int runS, TimeSpan window, CancellationToken cancellationToken)
    {
        var options = FleetOptions.Parse(["--devices", $"{Devices}", "--mqtt", broker.Uri], out var error) ?? throw new InvalidOperationException(error);
        using var dashboard = DashboardProcess.Start(broker.Uri);
        var fleet = new FleetRun(options, profile);
        using var stopFleet = new CancellationTokenSource();
        var fleetTask = fleet.RunAsync(stopFleet.Token);
        while (fleet.Connected < Devices)
        {
            await Task.Delay(200, cancellationToken);
        }

        await using var browser = await BrowserProbe.SignInAsync(dashboard.BaseUrl);
        var clinic = await browser.OpenClinicAsync(Devices);
        var cookie = await browser.CookieHeaderAsync();
        var watchers = new[] { options.DeviceId(0), options.DeviceId(Devices / 2), options.DeviceId(Devices - 1) }
            .Select(id => new LiveLagWatcher(dashboard.BaseUrl, cookie, id)).ToList();
        await BrowserProbe.TakeFrameDeltasAsync(clinic);
        var start = DateTimeOffset.UtcNow;
        var cpu0 = ProcessStats.CpuSeconds(dashboard.Id);
        var processCpu0 = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        var frames = new List<double>();
        var rss = new List<double>();
        var loads = new List<double> { ProcessStats.LoadAverage() };
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < runS)
        {
            await Task.Delay(TimeSpan.FromSeconds(10), cancellationToken);
            frames.AddRange(await BrowserProbe.TakeFrameDeltasAsync(clinic));
            rss.Add(ProcessStats.ResidentMiB(dashboard.Id));
            loads.Add(ProcessStats.LoadAverage());
        }

        var elapsed = clock.Elapsed.TotalSeconds;
        var end = start + clock.Elapsed;
        var cpu = (ProcessStats.CpuSeconds(dashboard.Id) - cpu0) / elapsed * 100;
        var processCpu = (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - processCpu0).TotalSeconds / elapsed * 100;
        var first = watchers.SelectMany(w => w.LagsBetween(start, start + window)).ToList();
        var last = watchers.SelectMany(w => w.LagsBetween(end - window, end)).ToList();
        foreach (var watcher in watchers)
        {
            await watcher.DisposeAsync();
        }

        await stopFleet.CancelAsync();
        var totals = await fleetTask;
        return new Run(Stats.Median(first), Stats.Median(last), rss[^1], rss.Max(), cpu,
            Stats.Median(frames), Stats.Percentile(frames, 99), frames.Count, loads,
            totals.MessagesPerS, totals.BytesPerS / 1024, processCpu);
    }

    private static string Fmt(IEnumerable<double> values, string format) =>
        string.Join(", ", values.Select(v => v.ToString(format, System.Globalization.CultureInfo.InvariantCulture)));

    private sealed record Run(
        double FirstLagMs, double LastLagMs, double RssMiB, double PeakRssMiB, double CpuPercent,
        double FrameMedianMs, double FrameP99Ms, int Frames, IReadOnlyList<double> Loads,
        double FleetMsgsPerS, double FleetKiBPerS, double FleetCpuPercent);
}
