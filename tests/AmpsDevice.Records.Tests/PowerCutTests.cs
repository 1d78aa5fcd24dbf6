using AmpsDevice.FirmwareHost.Control;
using AmpsDevice.FirmwareHost.Sessions.Records;

namespace AmpsDevice.Records.Tests;

/// <summary>
/// A power cut leaves on the disk what was committed: the test copies <c>records.db</c> and its WAL at an
/// instant in the middle of a session (no close, no checkpoint) and opens the copy as the next start would.
/// </summary>
public class PowerCutTests
{
    [Theory]
    [InlineData(37.33)]
    [InlineData(150.05)]
    public void A_copy_taken_mid_session_opens_shows_the_session_interrupted_and_keeps_samples_to_within_a_second(double cutAtS)
    {
        var data = RecordedSession.NewDataDirectory();
        var cut = RecordedSession.NewDataDirectory();
        RecordedSession.Run(data, RecordedSession.Example("contract-example.json"), """{ "events": [ { "at": 10.0, "patient": "rate-pain", "value": 2 } ] }""",
            before: (run, _) => run.Loop.AddObserver(new CopyAt(cutAtS + ControlLoop.WarmUpS, data, cut)));

        // The original was closed properly: completed. The copy is what a power cut would have left.
        using (var reader = new RecordReader(data))
        {
            Assert.Equal("completed", reader.Sessions().Single().Outcome);
        }

        using (var store = new RecordStore(cut))
        {
            Assert.Equal(["sim-5"], store.MarkInterrupted());
            Assert.Empty(store.MarkInterrupted());
        }

        var export = RecordedSession.Load(cut, "sim-5");
        Assert.Equal("interrupted", export.Session.Outcome);
        var lastSample = export.Samples.Rows[^1][0];
        Assert.InRange(lastSample, cutAtS - 1.0, cutAtS + 0.05);
        Assert.Equal(lastSample, export.Session.DurationS!.Value, 3);
        var interrupted = export.Events[^1];
        Assert.Equal(("session-interrupted", lastSample), (interrupted.Kind, interrupted.AtS));
        Assert.All(export.Steps, s => Assert.NotNull(s.EndedAtS));
        Assert.Equal("interrupted", export.Steps[^1].Result);
        Assert.Single(export.PainRatings);
    }

    /// <summary>Copies the records file and its WAL once, at a loop time (after the writer's commit of that tick, if any).</summary>
    private sealed class CopyAt(double atLoopS, string from, string to) : ITickObserver
    {
        private bool _done;

        public void OnTick(in TickView tick)
        {
            if (_done || tick.TimeS < atLoopS)
            {
                return;
            }

            _done = true;
            foreach (var suffix in new[] { "", "-wal" })
            {
                var source = RecordDatabase.PathIn(from) + suffix;
                if (File.Exists(source))
                {
                    File.Copy(source, RecordDatabase.PathIn(to) + suffix);
                }
            }
        }
    }
}
