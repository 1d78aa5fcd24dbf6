using System.Diagnostics;
using AmpsDevice.FirmwareHost.Control;

namespace AmpsDevice.Control.Tests.Control;

public sealed class TickLatenessRecorderTests
{
    [Fact]
    public void Until_the_ring_is_full_it_holds_exactly_what_was_recorded()
    {
        var recorder = new TickLatenessRecorder(3);
        Assert.Empty(recorder.Snapshot());

        recorder.Record(7);
        recorder.Record(9);

        Assert.Equal([7L, 9L], recorder.Snapshot());
        Assert.Equal(2, recorder.Count);
    }

    [Fact]
    public void Once_full_each_new_sample_replaces_the_oldest_and_all_are_counted()
    {
        var recorder = new TickLatenessRecorder(3);
        foreach (var sample in new long[] { 1, 2, 3, 4, 5 })
        {
            recorder.Record(sample);
        }

        Assert.Equal([4L, 5L, 3L], recorder.Snapshot());
        Assert.Equal(5, recorder.Count);
    }

    [Fact]
    public void Timestamp_units_convert_to_milliseconds()
    {
        Assert.Equal(1000.0, TickLatenessRecorder.ToMs(Stopwatch.Frequency));
        Assert.Equal(-2.5, TickLatenessRecorder.ToMs(-Stopwatch.Frequency / 400));
    }
}
