using System.Diagnostics;
using AmpsDevice.Bench.Support;
using AmpsDevice.FirmwareHost.Control;
using AmpsDevice.FirmwareHost.Storage;
using AmpsDevice.FirmwareHost.Telemetry;
using Microsoft.Extensions.Logging.Abstractions;

namespace AmpsDevice.Bench.Figures;

/// <summary>
/// Outbox drain after an outage: the SQLite outbox filled with one hour of telemetry at the service's default cadence
/// (<see cref="MqttOptions"/>: messages of 2 samples at 10 Hz, five a second; enqueued directly with the hour's
/// timestamps while no broker runs), then the broker started
/// and the service's telemetry composition started on that data directory; timed until a subscriber holds every
/// seq, and the seqs that never came counted.
/// </summary>
public sealed class OutboxDrainFigure : IFigure
{
    public string Name => "drain";

    public async Task<IReadOnlyList<FigureResult>> MeasureAsync(FigureRunOptions options, CancellationToken cancellationToken)
    {
        const int Runs = 3;
        var outageS = options.Quick ? 600 : 3600;
        var mqtt = new MqttOptions();
        var messages = MessagesIn(mqtt, outageS);
        var seconds = new List<double>();
        var lost = new List<double>();
        var connects = new List<int>();
        var warnings = new List<string>();
        var complete = true;
        for (var run = 0; run < Runs; run++)
        {
            var (drainS, lostThisRun, completed, connectsThisRun) = await DrainOnceAsync(mqtt, outageS, warnings);
            seconds.Add(drainS);
            lost.Add(lostThisRun);
            connects.Add(connectsThisRun);
            complete &= completed;
        }

        return
        [
            new($"outbox drain after a {outageS / 3600.0:0.##} h outage ({messages} messages): s, messages lost",
                $"{Stats.MedianSpread(seconds, "0.0", "s")}, lost {Stats.MedianSpread(lost, "0", "")}",
                "lost = 0", lost.Max() == 0 && complete,
                $"{Runs} runs; each: {messages} telemetry messages ({mqtt.BatchSize} samples each at {mqtt.TelemetryRateHz:0.#} Hz, the service's default cadence: {outageS} s) enqueued into outbox.db with the outage's timestamps while no broker ran; " +
                "then mosquitto started, a subscriber connected and the service's telemetry composition started on the same data directory; timed from the broker's start until the subscriber held every seq " +
                $"(the composition's start, connect and JIT included); {Stats.Runs(seconds.Select(s => messages / s), "0")} msg/s; " +
                $"MQTT connects per run {string.Join(", ", connects)}; the service's warnings while draining: {Warnings(warnings)}."),
        ];
    }

    /// <summary>The messages the service stores in <paramref name="outageS"/> at its cadence.</summary>
    private static int MessagesIn(MqttOptions mqtt, int outageS) => (int)(outageS * mqtt.TelemetryRateHz / mqtt.BatchSize);

    private static string Warnings(List<string> logged) => logged.Count == 0 ? "none" : string.Join("; ", logged);

    /// <summary>One drain; what the composition logged as a warning or error until the subscriber held every seq is added to <paramref name="warnings"/>.</summary>
    private static async Task<(double DrainS, int Lost, bool Complete, int Connects)> DrainOnceAsync(MqttOptions mqtt, int outageS, List<string> warnings)
    {
        using var log = new WarningLog();
        var data = TempDirectory.Create("amps-bench-outage");
        var messages = FillOutbox(new DataDirectory(data), mqtt, outageS);

        using var broker = MosquittoBroker.Anonymous();
        var start = Stopwatch.GetTimestamp();
        await using var subscriber = await SeqSubscriber.ConnectAsync(broker.Port, TelemetryRig.TelemetryTopic);
        await using var rig = new TelemetryRig(broker.Uri, data, log);
        await rig.StartAsync();
        var complete = await subscriber.WaitForAsync(messages, TimeSpan.FromSeconds(600));
        var drainS = Stopwatch.GetElapsedTime(start).TotalSeconds;
        warnings.AddRange(log.Entries);
        var lost = Enumerable.Range(1, messages).Count(seq => !subscriber.Arrivals.ContainsKey(seq));
        return (drainS, lost, complete, rig.Get<MqttConnection>().ConnectCount);
    }

    /// <summary>Encodes and stores every message of the outage with its time, as the batcher would have; returns how many.</summary>
    private static int FillOutbox(DataDirectory data, MqttOptions mqtt, int outageS)
    {
        var clock = new SteppedClock(DateTimeOffset.UtcNow.AddSeconds(-outageS));
        using var outbox = new Outbox(data, Microsoft.Extensions.Options.Options.Create(mqtt), clock, NullLogger<Outbox>.Instance);
        var ring = new TickSampleRing(TelemetryRig.Shape, mqtt.BatchSize * 2);
        var source = new TelemetryRig.SampleSource(ring, mqtt);
        using var encoder = new TelemetryEncoder(TelemetryRig.Shape, "bench-outage-boot");
        var messages = MessagesIn(mqtt, outageS);
        var period = TimeSpan.FromSeconds(mqtt.BatchSize / mqtt.TelemetryRateHz);
        for (var seq = 1; seq <= messages; seq++)
        {
            source.Write(mqtt.BatchSize);
            var payload = encoder.Encode(ring, mqtt.BatchSize, seq, mqtt.SamplePeriodS, out var lateOffset);
            outbox.Enqueue(OutboxKind.Telemetry, TelemetryRig.TelemetryTopic, payload.Span, lateOffset);
            ring.Advance(mqtt.BatchSize);
            clock.Now += period;
        }

        return messages;
    }

    /// <summary>A clock the bench moves by hand (the outbox stamps each message with it).</summary>
    private sealed class SteppedClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
