using System.Diagnostics;
using System.Globalization;
using AmpsDevice.FirmwareHost.Telemetry;

namespace AmpsDevice.Bench.Support;

/// <summary>
/// Where one telemetry message's end-to-end time went, stage by stage (ms): the batcher (from the samples written
/// into the ring to the outbox's commit: the batcher's wake-up, encoding, insert and commit), the sender (from the
/// commit to the PUBLISH on the wire: the sender's wake-up, its read of the outbox, the publish call), the broker
/// (from that PUBLISH to mosquitto's forward to the subscriber), the subscriber (from the forward to the
/// subscriber's handler: its process's socket wake-up, MQTTnet's receive and dispatch), and, off the path, the
/// PUBACK after the publish. Without a capture of the wire the last three are one stage. The batcher's stage is split
/// in its turn (<see cref="BatcherParts"/>) where the batcher's own moments are known.
/// </summary>
public sealed record MessageStages(long Seq, double TotalMs, double BatcherMs, double? SenderMs, double? BrokerMs, double? SubscriberMs, double? PubAckMs, double AfterCommitMs,
    BatcherParts? Parts = null)
{
    /// <summary>
    /// How long after the write of the message before it this one's samples were written (ms; about 1,000 at the normal
    /// rate): the batcher reckons a batch due from the samples before it, so a slow message's wait by design reads
    /// against this.
    /// </summary>
    public double? SinceLastWriteMs { get; init; }

    /// <summary>The same interval by the wall clock the samples are stamped with, which the batcher reckons by.</summary>
    public double? SinceLastStampMs { get; init; }

    public const string Legend =
        "batcher = samples in the ring to the outbox's commit (the batcher's wake-up, encoding, insert and commit; split below into " + BatcherParts.Legend + "), " +
        "sender = commit to the PUBLISH on the wire (the sender's wake-up, outbox read, publish call; kernel timestamps of a packet capture on loopback), " +
        "broker = that PUBLISH to mosquitto's forward on the wire, subscriber = the forward to the subscriber's handler, " +
        "PUBACK = the broker's acknowledgement after the PUBLISH (not on the path)";

    /// <summary>
    /// The stages of message <paramref name="seq"/> from its moments (Stopwatch timestamps), the packets seen, and where
    /// known the batcher's own moments and the outbox's checkpoints (start, end).
    /// </summary>
    public static MessageStages Of(long seq, long written, long committed, long received, IReadOnlyList<MqttPacketSeen> packets,
        TelemetryBatcher.BatchTiming? batcher = null, IReadOnlyCollection<(long Start, long End)>? checkpoints = null)
    {
        var sent = packets.FirstOrDefault(p => p.ToBroker && p.Type == MqttPacketSeen.Publish && p.Seq == seq);
        var forwarded = packets.FirstOrDefault(p => !p.ToBroker && p.Type == MqttPacketSeen.Publish && p.Seq == seq);
        var acked = sent is null
            ? null
            : packets.FirstOrDefault(p => !p.ToBroker && p.Type == MqttPacketSeen.PubAck && p.ToPort == sent.FromPort && p.PacketId == sent.PacketId && p.Timestamp >= sent.Timestamp);
        committed = committed == 0 ? written : committed;
        return new MessageStages(
            seq,
            Ms(written, received),
            Ms(written, committed),
            sent is null ? null : Ms(committed, sent.Timestamp),
            sent is null || forwarded is null ? null : Ms(sent.Timestamp, forwarded.Timestamp),
            forwarded is null ? null : Ms(forwarded.Timestamp, received),
            sent is null || acked is null ? null : Ms(sent.Timestamp, acked.Timestamp),
            Ms(committed, received),
            batcher is { WakeDue: not 0 } timing ? BatcherParts.Of(written, timing, committed, checkpoints ?? []) : null);
    }

    /// <summary>Median / p99 of each stage over <paramref name="messages"/>.</summary>
    public static string StagePercentiles(IReadOnlyCollection<MessageStages> messages)
    {
        string Of(string name, Func<MessageStages, double?> stage)
        {
            var values = messages.Select(stage).OfType<double>().ToArray();
            return values.Length == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $"{name} {Stats.Median(values):0.00} / {Stats.Percentile(values, 99):0.00}");
        }

        return string.Join(", ", new[]
        {
            Of("batcher", m => m.BatcherMs), Of("sender", m => m.SenderMs), Of("broker", m => m.BrokerMs),
            Of("subscriber", m => m.SubscriberMs), Of("PUBACK", m => m.PubAckMs), Of("commit to receipt", m => m.AfterCommitMs),
            Of("the batcher's parts: wait by design", m => m.Parts?.DesignWaitMs), Of("wake-up", m => m.Parts?.WakeUpMs),
            Of("encoding", m => m.Parts?.EncodeMs), Of("insert and commit", m => m.Parts?.CommitMs),
        }.Where(s => s.Length > 0));
    }

    /// <summary>How many of <paramref name="messages"/> had a checkpoint overlapping their commit, and their commits' median.</summary>
    public static string CheckpointOverlaps(IReadOnlyCollection<MessageStages> messages)
    {
        var overlapped = messages.Where(m => m.Parts?.Checkpointing == true).Select(m => m.Parts!.CommitMs).ToArray();
        return overlapped.Length == 0
            ? "no commit overlapped a checkpoint"
            : string.Create(CultureInfo.InvariantCulture, $"{overlapped.Length} commits overlapped a checkpoint (their insert and commit: median {Stats.Median(overlapped):0.00}, longest {overlapped.Max():0.00} ms)");
    }

    /// <summary>
    /// <c>seq 12: 41.20 ms = batcher 0.40 (wait 0.10 + wake-up 0.10 + encoding 0.05 + commit 0.15) + sender 30.10 +
    /// broker 0.20 + subscriber 10.50 (PUBACK 0.30)</c>.
    /// </summary>
    public string Describe()
    {
        var interval = SinceLastWriteMs is { } since ? string.Create(CultureInfo.InvariantCulture, $", written {since:0.00} ms after the one before ({SinceLastStampMs:0.00} ms by the wall clock)") : "";
        return Stages() + interval;
    }

    private string Stages()
    {
        var batcher = string.Create(CultureInfo.InvariantCulture, $"batcher {BatcherMs:0.00}{(Parts is { } parts ? $" ({parts.Describe()})" : "")}");
        return SenderMs is { } sender && BrokerMs is { } broker && SubscriberMs is { } subscriber
            ? string.Create(CultureInfo.InvariantCulture,
                $"seq {Seq}: {TotalMs:0.00} ms = {batcher} + sender {sender:0.00} + broker {broker:0.00} + subscriber {subscriber:0.00}{(PubAckMs is { } ack ? $" (PUBACK {ack:0.00})" : "")}")
            : string.Create(CultureInfo.InvariantCulture, $"seq {Seq}: {TotalMs:0.00} ms = {batcher} + commit to receipt {AfterCommitMs:0.00}");
    }

    private static double Ms(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;
}
