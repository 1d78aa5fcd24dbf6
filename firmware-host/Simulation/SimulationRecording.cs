using AmpsDevice.FirmwareHost.Sessions.Records;

namespace AmpsDevice.FirmwareHost.Simulation;

/// <summary>
/// <c>simulate --data DIR</c>: records a simulated session in <c>DIR/records.db</c> exactly as the device
/// service records one (same recorder, writer and store), committing inline every half second of virtual time.
/// </summary>
public sealed class SimulationRecording : IDisposable
{
    /// <exception cref="RecordStoreException">The records file cannot be used.</exception>
    public SimulationRecording(SimulationRun run, string dataDirectory)
    {
        Store = new RecordStore(dataDirectory);
        Interrupted = Store.MarkInterrupted();
        Recorder = new SessionRecorder(run.Loop.Shape, 1 / run.Loop.PeriodS, run.Engine, run.Clock);
        Writer = new RecordWriter(Recorder, Store);
        run.Core.AddSessionObserver(Recorder);
        run.Core.Alarms.Changed += Recorder.OnAlarmsChanged;
        run.Core.AddTickObserver(Recorder);
        run.Core.AddTickObserver(new InlineRecordFlush(Writer));
    }

    public RecordStore Store { get; }

    public SessionRecorder Recorder { get; }

    public RecordWriter Writer { get; }

    /// <summary>Sessions found without an end when the file was opened.</summary>
    public IReadOnlyList<string> Interrupted { get; }

    /// <summary>Commits what is left; call when the run is over.</summary>
    public void Flush() => Writer.Flush();

    public void Dispose()
    {
        Writer.Flush();
        Store.Dispose();
    }
}
