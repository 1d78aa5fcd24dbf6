using System.Diagnostics;
using AmpsDevice.Bench.Support;
using AmpsDevice.FirmwareHost.Telemetry;

namespace AmpsDevice.Bench.Tests;

/// <summary>
/// The telemetry figure splits a message's batcher stage into the wait by design, the wake-up, encoding and the
/// commit: the parts must add up to the stage, and none may count time twice when the wake-up came late.
/// </summary>
public sealed class BatcherPartsTests
{
    private static readonly long Written = Stopwatch.GetTimestamp();

    [Fact]
    public void The_parts_add_up_to_the_stage_and_name_a_checkpoint_that_overlapped_the_commit()
    {
        var timing = new TelemetryBatcher.BatchTiming(7, At(1.0), At(3.5), At(3.6), At(3.9));
        var committed = At(3.9);

        var parts = BatcherParts.Of(Written, timing, committed, [(At(3.7), At(20))]);
        var stage = MessageStages.Of(7, Written, committed, At(5), [], timing, [(At(3.7), At(20))]);

        Assert.Equal(1.0, parts.DesignWaitMs, 6);
        Assert.Equal(2.5, parts.WakeUpMs, 6);
        Assert.Equal(0.1, parts.EncodeMs, 6);
        Assert.Equal(0.3, parts.CommitMs, 6);
        Assert.True(parts.Checkpointing);
        Assert.Equal(stage.BatcherMs, parts.DesignWaitMs + parts.WakeUpMs + parts.EncodeMs + parts.CommitMs, 6);
        Assert.Equal(parts, stage.Parts);
    }

    [Fact]
    public void A_wake_up_asked_for_before_the_samples_were_written_counts_from_the_write()
    {
        // The batcher had asked to wake 0.5 ms before the write (the writer came late) and woke 2 ms after it.
        var timing = new TelemetryBatcher.BatchTiming(8, At(-0.5), At(2), At(2.1), At(2.4));

        var parts = BatcherParts.Of(Written, timing, At(2.4), [(At(10), At(30))]);

        Assert.Equal(0, parts.DesignWaitMs, 6);
        Assert.Equal(2, parts.WakeUpMs, 6);
        Assert.False(parts.Checkpointing);
    }

    [Fact]
    public void A_batch_not_taken_by_a_wake_up_of_the_batcher_is_not_split()
    {
        var taken = new TelemetryBatcher.BatchTiming(9, 0, 0, At(0.1), At(0.3));

        Assert.Null(MessageStages.Of(9, Written, At(0.3), At(1), [], taken, []).Parts);
    }

    private static long At(double ms) => Written + (long)(ms * Stopwatch.Frequency / 1000);
}
