using System.Collections.Concurrent;
using System.Diagnostics;
using AmpsDevice.Bench.Support;
using AmpsDevice.FirmwareHost.Control;
using AmpsDevice.FirmwareHost.Telemetry;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace AmpsDevice.Bench.Figures;

/// <summary>
/// Telemetry through a local mosquitto, in one run against one broker: end-to-end latency at the service's normal
/// rate (one 10-sample message a second), from the moment the batch's samples are in the ring to the dashboard-like
/// subscriber's receipt; and the pipeline's sustained throughput (ring → batcher → encoder → SQLite outbox →
/// sender, QoS 1) against raw MQTTnet <c>PublishAsync</c> of the same payloads at QoS 1, each awaited, as a ratio
/// (the goal's definition); for comparison also raw MQTTnet with as many publishes in flight as the pipeline keeps.
/// </summary>
public sealed class TelemetryFigure : IFigure
{
    public string Name => "telemetry";

    public async Task<IReadOnlyList<FigureResult>> MeasureAsync(FigureRunOptions options, CancellationToken cancellationToken)
    {
        using var broker = MosquittoBroker.Anonymous();
        var data = TempDirectory.Create("amps-bench-telemetry");
        await using var subscriber = await SeqSubscriber.ConnectAsync(broker.Port, TelemetryRig.TelemetryTopic);
        await using var rig = new TelemetryRig(broker.Uri, data);
        await rig.StartAsync();
        await rig.WaitConnectedAsync(TimeSpan.FromSeconds(10));

        const int LatencyRuns = 3;
        var perRun = options.Quick ? 15 : 100;
        var medians = new List<double>();
        var captureNote = "";
        var p99s = new List<double>();
        var messagesSeen = new List<MessageStages>();
        var busLateness = new List<double>();
        // The floor: a bare thread of the same priority sleeping to 1 s deadlines, half a second off the messages'.
        var sleeper = TimerFloor.SleeperAsync(LatencyRuns * perRun, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(0.5));
        using (var capture = LoopbackCapture.TryStart(broker.Port, out var noCapture))
        {
            for (var run = 0; run < LatencyRuns; run++)
            {
                var (times, lateness) = await MeasureLatencyAsync(rig, subscriber, capture, perRun, cancellationToken);
                var latencies = times.Select(t => t.TotalMs).ToArray();
                medians.Add(Stats.Median(latencies));
                p99s.Add(Stats.Percentile(latencies, 99));
                messagesSeen.AddRange(times);
                busLateness.AddRange(lateness);
            }

            captureNote = capture is null ? $" (the wire was not watched: {noCapture})" : "";
        }

        var sleeperLateness = await sleeper;
        var worst = messagesSeen.Max(m => m.TotalMs);

        var messages = options.Quick ? 300 : 2000;
        var rounds = options.Quick ? 1 : 3;
        var ratios = new List<double>();
        var pipelineRates = new List<double>();
        var rawRates = new List<double>();
        var rawWindowRates = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            var pipeline = await PipelineRateAsync(rig, subscriber, messages);
            var raw = await RawRateAsync(broker.Port, subscriber, rig, messages, round, inFlight: 1);
            pipelineRates.Add(pipeline);
            rawRates.Add(raw);
            ratios.Add(pipeline / raw);
            rawWindowRates.Add(await RawRateAsync(broker.Port, subscriber, rig, messages, round + rounds, rig.Options.MaxInFlight));
        }

        var ratio = Stats.Median(ratios);
        var slowest = messagesSeen.OrderByDescending(m => m.TotalMs).Take(Math.Max(1, messagesSeen.Count / 100)).ToList();
        var p99 = Stats.Median(p99s);
        return
        [
            new("telemetry end-to-end latency through local mosquitto, normal rate: median / p99, ms",
                $"{Stats.MedianSpread(medians, "0.00", "ms")} / {Stats.MedianSpread(p99s, "0.00", "ms")}",
                "p99 < 10 ms (median of the runs)", p99 < 10,
                $"The service's telemetry composition (AddDeviceTelemetry, 1 message of {rig.Options.BatchSize} samples a second) to mosquitto on loopback to an MQTTnet subscriber in the same process, " +
                $"{LatencyRuns} runs of {perRun} messages (a run's p99 is its second-worst message): from the batch's samples written into the ring (then taken by the service's batcher, encoded, stored in the outbox with a SQLite commit, sent at QoS 1) to the subscriber's receipt; " +
                $"the median and p99 of each run, the median of the runs with their spread; worst single message {worst:0.00} ms. " +
                $"Stages{captureNote}: {MessageStages.Legend}. Per stage over all {messagesSeen.Count} messages, median / p99: {MessageStages.StagePercentiles(messagesSeen)}; {MessageStages.CheckpointOverlaps(messagesSeen)}. " +
                $"The slowest 1 % ({slowest.Count}): {string.Join("; ", slowest.Select(m => m.Describe()))}. " +
                $"The platform's floor under the same load: a bare thread of normal priority sleeping to 1 s deadlines woke {Stats.Percentile(sleeperLateness, 50):0.00} / {Stats.Percentile(sleeperLateness, 99):0.00} ms late (median / p99; worst {sleeperLateness.Max():0.00}); " +
                $"the bench's writer of the samples (SCHED_FIFO, as the control thread), {Stats.Percentile(busLateness, 50):0.00} / {Stats.Percentile(busLateness, 99):0.00} ms (worst {busLateness.Max():0.00})."),
            new("telemetry pipeline throughput ÷ raw MQTTnet publishing, same payloads, same run",
                $"{Stats.MedianSpread(ratios, "0.00", "")}",
                "≥ 0.8", ratio >= 0.8,
                $"{rounds} rounds of {messages} messages each way, QoS 1, to the same broker and subscriber; pipeline = samples into the ring as fast as the batcher takes them until the subscriber has every seq; " +
                $"raw = one MQTTnet client awaiting PublishAsync for each pre-encoded payload; each round's ratio, the median of the rounds with their spread. " +
                $"Per round, pipeline ÷ raw: {string.Join(", ", pipelineRates.Zip(rawRates, (p, r) => $"{p:0} ÷ {r:0} msg/s = {p / r:0.00}"))}. " +
                $"The pipeline keeps up to {rig.Options.MaxInFlight} publishes in flight; raw MQTTnet with as many in flight reached {Stats.Runs(rawWindowRates, "0")} msg/s " +
                $"(pipeline ÷ that, round by round: {Stats.Runs(pipelineRates.Zip(rawWindowRates, (p, r) => p / r), "0.00")})."),
        ];
    }

    /// <summary>
    /// One message a second for <paramref name="seconds"/> s: the bench writes a full batch into the ring at each 1 s
    /// deadline and the service's batcher takes it on its own, as it takes the control loop's samples. Each message's
    /// moments: written (the bench), the batcher's own (the wake-up it asked for, its wake-up, the batch encoded:
    /// <see cref="TelemetryBatcher.Stored"/>), committed (the outbox's <see cref="Outbox.Enqueued"/>, raised on the
    /// batcher's thread after the commit; and the outbox's checkpoints, <see cref="Outbox.Checkpointed"/>), on the wire to the broker, forwarded and acknowledged (the capture, kernel stamps),
    /// received (the subscriber). Also how late the bench's writer wrote, per message.
    /// </summary>
    private static async Task<(List<MessageStages> Times, List<double> Lateness)> MeasureLatencyAsync(
        TelemetryRig rig, SeqSubscriber subscriber, LoopbackCapture? capture, int seconds, CancellationToken cancellationToken)
    {
        // Warm-up (JIT of the encode, store and send paths), not counted.
        await PipelineRateAsync(rig, subscriber, 20);
        subscriber.Clear();
        capture?.Clear();
        var outbox = rig.Get<Outbox>();
        var committed = new ConcurrentDictionary<long, long>();
        void OnEnqueued() => committed[rig.Batcher.LastSeq + 1] = Stopwatch.GetTimestamp();   // raised before the seq is advanced
        var batched = new ConcurrentDictionary<long, TelemetryBatcher.BatchTiming>();
        void OnStored(TelemetryBatcher.BatchTiming timing) => batched[timing.Seq] = timing;
        var checkpoints = new ConcurrentQueue<(long Start, long End)>();
        void OnCheckpointed(long start, long end) => checkpoints.Enqueue((start, end));
        outbox.Enqueued += OnEnqueued;
        rig.Batcher.Stored += OnStored;
        outbox.Checkpointed += OnCheckpointed;
        var firstSeq = rig.Batcher.LastSeq + 1;
        (long[] Written, long[] Stamped, double[] Lateness) writes;
        try
        {
            writes = await WriteOnePerSecondAsync(rig, seconds);
            await subscriber.WaitForAsync(writes.Written.Length, TimeSpan.FromSeconds(10));
        }
        finally
        {
            outbox.Enqueued -= OnEnqueued;
            rig.Batcher.Stored -= OnStored;
            outbox.Checkpointed -= OnCheckpointed;
        }

        var packets = capture?.Packets() ?? [];
        var times = new List<MessageStages>();
        for (var i = 0; i < writes.Written.Length; i++)
        {
            var (seq, start) = (firstSeq + i, writes.Written[i]);
            if (subscriber.Arrivals.TryGetValue(seq, out var received))
            {
                times.Add(MessageStages.Of(seq, start, committed.GetValueOrDefault(seq), received, packets,
                    batched.TryGetValue(seq, out var timing) ? timing : null, checkpoints) with
                {
                    SinceLastWriteMs = i > 0 ? Stopwatch.GetElapsedTime(writes.Written[i - 1], start).TotalMilliseconds : null,
                    SinceLastStampMs = i > 0 ? TimeSpan.FromTicks(writes.Stamped[i] - writes.Stamped[i - 1]).TotalMilliseconds : null,
                });
            }
        }

        return (times, [.. writes.Lateness]);
    }

    /// <summary>
    /// The bench plays the control loop: a thread under SCHED_FIFO, as the control thread runs, that waits for each
    /// 1 s deadline as the loop's runner does and writes a full batch into the ring, its samples stamped as the loop
    /// would have stamped them, each with how long after its deadline it was stamped (<see cref="TelemetryRig.SampleSource.Write"/>).
    /// Returns each write's
    /// <see cref="Stopwatch"/> timestamp, the wall-clock time its last sample is stamped with (ticks) and how late it
    /// came (ms).
    /// </summary>
    private static async Task<(long[] Written, long[] Stamped, double[] Lateness)> WriteOnePerSecondAsync(TelemetryRig rig, int seconds)
    {
        var written = new long[seconds];
        var stamped = new long[seconds];
        var second = TimeSpan.FromSeconds(1);
        // The writer goes on from the samples before it (the warm-up's) as the control loop goes on sampling: its first
        // batch is due a batch's span after their last, which is when the batcher reckons it due. Begun a second from
        // now instead, it came as much later as the warm-up's messages took to arrive, as a tick that late would, and
        // its message waited 26 ms for the batcher's overdue retries. At once if the warm-up took longer than that.
        var phase = new DateTime(rig.LastStamp, DateTimeKind.Utc) + second - DateTime.UtcNow;
        var lateness = await TimerFloor.OnDeadlinesAsync(seconds, second, phase > TimeSpan.Zero ? phase : TimeSpan.Zero, realTime: true, "bench-control-loop", (i, deadline, woke) =>
        {
            written[i] = woke;
            stamped[i] = rig.WriteSamples(rig.Options.BatchSize, deadline);
        });
        return (written, stamped, lateness);
    }

    private static async Task<double> PipelineRateAsync(TelemetryRig rig, SeqSubscriber subscriber, int messages)
    {
        subscriber.Clear();
        var first = rig.Batcher.LastSeq + 1;
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < messages; i++)
        {
            rig.WriteSamples(rig.Options.BatchSize);
            rig.Batcher.Flush(rig.Options.BatchSize);
        }

        await WaitForSeqsAsync(subscriber, first, first + messages - 1);
        return messages / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    private static async Task<double> RawRateAsync(int port, SeqSubscriber subscriber, TelemetryRig rig, int messages, int round, int inFlight)
    {
        // The same payloads the pipeline sends, encoded by the same encoder, with seqs of their own.
        var ring = new TickSampleRing(TelemetryRig.Shape, rig.Options.BatchSize * 2);
        using var encoder = new TelemetryEncoder(TelemetryRig.Shape, "raw-boot");
        var source = new TelemetryRig.SampleSource(ring, rig.Options);
        source.Write(rig.Options.BatchSize);
        var baseSeq = 1_000_000L * (round + 1);
        var payloads = Enumerable.Range(0, messages).Select(i => encoder.Encode(ring, rig.Options.BatchSize, baseSeq + i, rig.Options.SamplePeriodS, out _).ToArray()).ToList();

        using var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithProtocolVersion(MqttProtocolVersion.V500)
            .WithTcpServer("127.0.0.1", port).WithClientId($"bench-raw-{round}").WithCleanStart(true).Build());
        subscriber.Clear();
        var start = Stopwatch.GetTimestamp();
        var pending = new Queue<Task>(inFlight);
        foreach (var payload in payloads)
        {
            if (pending.Count == inFlight)
            {
                await pending.Dequeue();
            }

            pending.Enqueue(client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(TelemetryRig.TelemetryTopic).WithPayload(payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build()));
        }

        await Task.WhenAll(pending);

        await WaitForSeqsAsync(subscriber, baseSeq, baseSeq + messages - 1);
        var rate = messages / Stopwatch.GetElapsedTime(start).TotalSeconds;
        await client.DisconnectAsync();
        return rate;
    }

    private static async Task WaitForSeqsAsync(SeqSubscriber subscriber, long first, long last)
    {
        var watch = Stopwatch.StartNew();
        while (Enumerable.Range(0, (int)(last - first + 1)).Any(i => !subscriber.Arrivals.ContainsKey(first + i)))
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(120))
            {
                throw new TimeoutException($"seqs {first}..{last} did not all arrive within 120 s");
            }

            await Task.Delay(5);
        }
    }
}
