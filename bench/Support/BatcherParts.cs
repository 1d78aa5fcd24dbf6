using System.Diagnostics;
using System.Globalization;
using AmpsDevice.FirmwareHost.Telemetry;

namespace AmpsDevice.Bench.Support;

/// <summary>
/// One message's batcher stage (samples in the ring to the outbox's commit) in its parts, ms: the wait by design
/// (from the samples written to the moment the batcher had asked to wake: its margin after the batch is due, and the
/// writer's own jitter against the clock the batcher reckons by), the wake-up (from that moment, or from the write
/// if it came later, to the batcher running), encoding, and the outbox's insert and commit; and whether a WAL
/// checkpoint on the outbox's other connection overlapped that commit. The four add up to the stage.
/// </summary>
public sealed record BatcherParts(double DesignWaitMs, double WakeUpMs, double EncodeMs, double CommitMs, bool Checkpointing)
{
    public const string Legend =
        "wait by design = samples written to the moment the batcher asked to wake (the margin after the batch is due), " +
        "wake-up = that moment (or the write, if later) to the batcher running, encoding, insert and commit = the outbox's enqueue";

    /// <summary>From the samples' write, the batcher's moments and the commit (Stopwatch timestamps) and the checkpoints (start, end).</summary>
    public static BatcherParts Of(long written, TelemetryBatcher.BatchTiming timing, long committed, IReadOnlyCollection<(long Start, long End)> checkpoints)
    {
        var due = Math.Min(Math.Max(timing.WakeDue, written), timing.Woke);
        return new BatcherParts(
            Ms(written, due),
            Ms(due, timing.Woke),
            Ms(timing.Woke, timing.Encoded),
            Ms(timing.Encoded, committed),
            checkpoints.Any(c => c.Start < committed && c.End > timing.Encoded));
    }

    /// <summary><c>wait 1.00 + wake-up 2.10 + encoding 0.05 + commit 0.30, a checkpoint overlapping</c>.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"wait {DesignWaitMs:0.00} + wake-up {WakeUpMs:0.00} + encoding {EncodeMs:0.00} + commit {CommitMs:0.00}{(Checkpointing ? ", a checkpoint overlapping" : "")}");

    private static double Ms(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;
}
