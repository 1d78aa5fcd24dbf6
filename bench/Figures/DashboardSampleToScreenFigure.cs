using AmpsDevice.Bench.Dashboard;
using AmpsDevice.Bench.Support;
using AmpsDevice.FirmwareHost.Telemetry;

namespace AmpsDevice.Bench.Figures;

/// <summary>
/// Sample to screen: from the control tick that read a sample to the console's chart drawing it in the browser, at
/// two telemetry cadences side by side in the same runs, 10 samples a second in five messages of 2
/// (<c>Mqtt:BatchSize</c> 2) and in one message of 10 (the default), with what each costs the device (CPU of its
/// process) and the broker (messages and bytes per second).
/// Real processes throughout: two <c>ampsdevice run --simulate</c> running the every-channel session, mosquitto,
/// <c>ampsdashboard</c>, Debian's chromium with one console page per device.
/// </summary>
public sealed class DashboardSampleToScreenFigure : IFigure
{
    private const string Now = "bench-screen-5hz";
    private const string Before = "bench-screen-1hz";

    /// <summary>Two samples a message: five messages a second.</summary>
    private const int FastBatchSize = 2;

    /// <summary>Ten samples a message: one message a second.</summary>
    private const int SlowBatchSize = 10;

    public string Name => "sample-to-screen";

    public async Task<IReadOnlyList<FigureResult>> MeasureAsync(FigureRunOptions options, CancellationToken cancellationToken)
    {
        var runs = options.Quick ? 1 : 3;
        var runS = options.Quick ? 20 : 60;
        var cadence = new MqttOptions();
        var rateHz = cadence.TelemetryRateHz;
        using var broker = MosquittoBroker.Anonymous();
        using var dataNow = new TempDirectory("amps-bench-screen");
        using var dataBefore = new TempDirectory("amps-bench-screen-1hz");
        using var now = StartWithBatchSize(broker.Uri, Now, dataNow.Path, FastBatchSize);
        using var before = StartWithBatchSize(broker.Uri, Before, dataBefore.Path, SlowBatchSize);
        foreach (var device in new[] { now, before })
        {
            await device.WaitForMilestoneAsync("Ready", TimeSpan.FromSeconds(60));
            await device.WaitForLineAsync("MQTT connected", TimeSpan.FromSeconds(60));
        }

        var replies = new[]
        {
            await RemoteStart.SessionAsync(broker.Port, Now, cancellationToken),
            await RemoteStart.SessionAsync(broker.Port, Before, cancellationToken),
        };
        using var dashboard = DashboardProcess.Start(broker.Uri);
        await using var tap = await TelemetryTap.StartAsync(broker.Port);
        await using var browser = await BrowserProbe.SignInAsync(dashboard.BaseUrl);
        await using var stream = new LiveLagWatcher(dashboard.BaseUrl, await browser.CookieHeaderAsync(), Now);

        var screenNow = new List<IReadOnlyList<double>>();
        var screenBefore = new List<IReadOnlyList<double>>();
        var tapNow = new List<double>();
        var tapBefore = new List<double>();
        var streamNow = new List<double>();
        var cpuNow = new List<double>();
        var cpuBefore = new List<double>();
        var rates = new List<(double NowMsgs, double NowBytes, double BeforeMsgs, double BeforeBytes)>();
        var loads = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            tap.Take(Now);
            tap.Take(Before);
            var cpu0 = (ProcessStats.CpuSeconds(now.Id), ProcessStats.CpuSeconds(before.Id));
            var clock = System.Diagnostics.Stopwatch.StartNew();
            loads.Add(ProcessStats.LoadAverage());
            // One console page at a time, the two cadences one after the other in each run: a page that is not
            // in front may have its animation frames throttled, which would be measured as latency.
            screenNow.Add(await WatchConsoleAsync(browser, Now, runS, cancellationToken));
            screenBefore.Add(await WatchConsoleAsync(browser, Before, runS, cancellationToken));
            var elapsed = clock.Elapsed.TotalSeconds;
            streamNow.AddRange(stream.LagsBetween(DateTimeOffset.UtcNow - clock.Elapsed, DateTimeOffset.UtcNow));
            loads.Add(ProcessStats.LoadAverage());
            cpuNow.Add((ProcessStats.CpuSeconds(now.Id) - cpu0.Item1) / elapsed * 100);
            cpuBefore.Add((ProcessStats.CpuSeconds(before.Id) - cpu0.Item2) / elapsed * 100);
            var (nowMsgs, nowBytes, nowLatency) = tap.Take(Now);
            var (beforeMsgs, beforeBytes, beforeLatency) = tap.Take(Before);
            tapNow.AddRange(nowLatency);
            tapBefore.AddRange(beforeLatency);
            rates.Add((nowMsgs / elapsed, nowBytes / elapsed, beforeMsgs / elapsed, beforeBytes / elapsed));
        }

        var p99Now = screenNow.Select(r => Stats.Percentile(r, 99)).ToList();
        var p99Before = screenBefore.Select(r => Stats.Percentile(r, 99)).ToList();
        var pooledNow = screenNow.SelectMany(r => r).ToList();
        var pooledBefore = screenBefore.SelectMany(r => r).ToList();
        var cpuRatio = cpuNow.Zip(cpuBefore, (a, b) => a / b).ToList();
        var fast = $"{rateHz / FastBatchSize:0} messages/s of {FastBatchSize}";
        var slow = $"{rateHz / SlowBatchSize:0} message/s of {SlowBatchSize}";
        var isDefault = (int batch) => batch == cadence.BatchSize ? ", the default" : "";
        var load = $"load average {loads.Min():0.0}-{loads.Max():0.0} (shared machine)";
        return
        [
            new($"sample to screen, console chart, {rateHz:0} samples/s in {fast}{isDefault(FastBatchSize)}: median / p99",
                $"{Stats.Median(pooledNow):0} ms / {Stats.Median(p99Now):0} ms ({slow}{isDefault(SlowBatchSize)}: {Stats.Median(pooledBefore):0} ms / {Stats.Median(p99Before):0} ms)",
                "p99 < 500 ms", Stats.Median(p99Now) < 500,
                $"`ampsdevice run --simulate` (Mqtt__BatchSize={FastBatchSize}) running the every-channel session, mosquitto, `ampsdashboard`, Debian's chromium (Playwright) with the device's console open: " +
                $"from the sample's tick (its wall-clock time, as telemetry carries it) to the temperature chart's uPlot `draw` hook that painted it (Date.now(); one machine, one clock). " +
                $"{runs} runs of {runS} s with a fresh page after 5 s to settle, {pooledNow.Count} samples; median pooled, p99 the median of the runs' p99 (runs: {Fmt(p99Now)} ms). " +
                $"In each run, after it, the same for a second device running beside it with Mqtt__BatchSize={SlowBatchSize} (one console page open at a time): p99 per run {Fmt(p99Before)} ms. " +
                $"For comparison, over both consoles' windows: tick to a plain MQTT subscriber beside the dashboard (the device's batching, outbox and the broker): median / p99 {Stats.Median(tapNow):0} / {Stats.Percentile(tapNow, 99):0} ms at {fast}, " +
                $"{Stats.Median(tapBefore):0} / {Stats.Percentile(tapBefore, 99):0} ms at {slow}; " +
                $"tick to the dashboard's live stream (Server-Sent Events, read by a plain HTTP client; the newest sample of each update) {Stats.Median(streamNow):0} / {Stats.Percentile(streamNow, 99):0} ms at {fast}. Session start replies: {string.Join(" / ", replies)}. {load}."),
            new($"telemetry cadence cost, {fast} vs {slow}: device CPU; broker load per device",
                $"CPU {Stats.Median(cpuNow):0.0} % vs {Stats.Median(cpuBefore):0.0} % of a core (× {Stats.Median(cpuRatio):0.00}); " +
                $"{Stats.Median(rates.Select(r => r.NowMsgs).ToList()):0.0} vs {Stats.Median(rates.Select(r => r.BeforeMsgs).ToList()):0.0} msg/s, " +
                $"{Stats.Median(rates.Select(r => r.NowBytes).ToList()) / 1024:0.0} vs {Stats.Median(rates.Select(r => r.BeforeBytes).ToList()) / 1024:0.0} KiB/s",
                "device CPU ≤ 1.25 ×", Stats.Median(cpuRatio) <= 1.25,
                $"The two device processes of the figure above, side by side over the same {runs} runs (both consoles' windows, {2 * runS} s each), both running the every-channel session: " +
                $"CPU time (utime + stime of /proc/PID/stat) per wall second; runs: {Fmt(cpuNow, "0.0")} % vs {Fmt(cpuBefore, "0.0")} %. " +
                $"Messages and payload bytes per second of each device's telemetry as the broker delivered them to a subscriber. {load}."),
        ];
    }

    /// <summary>The console of <paramref name="deviceId"/> alone in the browser for <paramref name="seconds"/> after 5 s to settle: its sample-to-screen latencies, ms.</summary>
    private static async Task<IReadOnlyList<double>> WatchConsoleAsync(BrowserProbe browser, string deviceId, int seconds, CancellationToken cancellationToken)
    {
        var page = await browser.OpenConsoleAsync(deviceId);
        await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
        await BrowserProbe.TakeDrawLatenciesAsync(page);
        await Task.Delay(TimeSpan.FromSeconds(seconds), cancellationToken);
        var latencies = await BrowserProbe.TakeDrawLatenciesAsync(page);
        await page.CloseAsync();
        return latencies;
    }

    /// <summary>
    /// A device with another telemetry batch size: <c>run</c> takes no configuration keys on its command line, so the
    /// key goes in through the environment (Mqtt__BatchSize), which the child inherits at start.
    /// </summary>
    private static DeviceProcess StartWithBatchSize(string brokerUri, string deviceId, string data, int batchSize)
    {
        const string Key = "Mqtt__BatchSize";
        Environment.SetEnvironmentVariable(Key, batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            return DeviceProcess.Built(brokerUri, deviceId, data, "--allow-remote-start");
        }
        finally
        {
            Environment.SetEnvironmentVariable(Key, null);
        }
    }

    private static string Fmt(IEnumerable<double> values, string format = "0") => string.Join(", ", values.Select(v => v.ToString(format, System.Globalization.CultureInfo.InvariantCulture)));
}
