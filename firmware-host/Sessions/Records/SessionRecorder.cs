using System.Collections.Concurrent;
using AmpsDevice.FirmwareHost.Control;
using AmpsDevice.FirmwareHost.Hardware;
using AmpsDevice.FirmwareHost.Safety;
using AmpsDevice.Protocol.Messages;
using AmpsDevice.Protocol.Profiles;

namespace AmpsDevice.FirmwareHost.Sessions.Records;

/// <summary>
/// The control thread's side of the session records: sees every session event, alarm change and tick, and
/// only hands them over. Samples go into a preallocated ring (every N-th tick, 100 Hz → 10 Hz), from the
/// session's start until <see cref="TailS"/> after its end (so the record shows the outputs going safe);
/// events and alarm changes into a queue. <see cref="RecordWriter"/> takes them off on another thread.
/// A tick allocates nothing and takes no lock. The composition attaches it to the loop, the session engine and
/// the alarm book (<see cref="OnAlarmsChanged"/>).
/// </summary>
public sealed class SessionRecorder : ISessionObserver, ITickObserver
{
    /// <summary>Samples per second in the records: a clinician reads a 10 Hz chart as smooth; pads change over seconds.</summary>
    public const double SampleRateHz = 10;

    /// <summary>Seconds still sampled after a session ended.</summary>
    public const double TailS = 2;

    private const int MaxEventsPerTick = 64;

    private readonly ConcurrentQueue<RecordedItem> _items = new();
    private readonly SessionEngine _engine;
    private readonly TimeProvider _time;
    private readonly int _decimation;
    private readonly (SessionEvent? Event, StimulusProfile? Profile)[] _pending = new (SessionEvent?, StimulusProfile?)[MaxEventsPerTick];
    private int _pendingCount;
    private string? _openSessionId;
    private bool _recording;
    private double _recordUntilS = double.PositiveInfinity;
    private double _lastTickS;

    /// <param name="ringSeconds">Seconds of samples the ring holds while the writer is late (it drains every half second).</param>
    /// <param name="engine">Read for the profile of a session as it opens.</param>
    public SessionRecorder(DeviceShape shape, double tickRateHz, SessionEngine engine, TimeProvider time, double ringSeconds = 60)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tickRateHz, SampleRateHz);
        Channels = SampleChannels.Of(shape);
        _engine = engine;
        _time = time;
        _decimation = (int)Math.Round(tickRateHz / SampleRateHz);
        Ring = new TickSampleRing(shape, (int)Math.Ceiling(ringSeconds * SampleRateHz));
    }

    public SampleChannels Channels { get; }

    /// <summary>Samples waiting for the writer (consumer side: <see cref="RecordWriter"/> only).</summary>
    public TickSampleRing Ring { get; }

    /// <summary>Samples lost because the writer fell more than the ring behind.</summary>
    public long DroppedSamples => Ring.Dropped;

    public void OnSessionEvent(SessionEvent sessionEvent)
    {
        switch (sessionEvent.Kind)
        {
            case EventKind.SessionReady or EventKind.SessionStarted when sessionEvent.Session.SessionId != _openSessionId:
                _openSessionId = sessionEvent.Session.SessionId;
                _recording = true;
                _recordUntilS = double.PositiveInfinity;
                Hold(sessionEvent, _engine.Profile);
                return;
            case EventKind.SessionCompleted or EventKind.SessionStopped or EventKind.SafetyStop:
                _recordUntilS = sessionEvent.AtS + TailS;
                break;
        }

        Hold(sessionEvent, null);
    }

    public void OnTick(in TickView tick)
    {
        _lastTickS = tick.TimeS;
        for (var i = 0; i < _pendingCount; i++)
        {
            var e = _pending[i].Event!;
            var profile = _pending[i].Profile;
            _pending[i] = default;
            double? latencyMs = e.Kind is EventKind.SafetyTrip or EventKind.PatientStop or EventKind.EStop or EventKind.Withdrawal
                ? Math.Max(0, tick.WriteTimeS - e.AtS) * 1000
                : null;
            _items.Enqueue(profile is null
                ? new RecordedEvent(e, null, latencyMs)
                : new RecordedEvent(e, profile, latencyMs) { PlanId = _engine.Plan.Id, PlanLevel = _engine.Plan.Level });
        }

        _pendingCount = 0;
        if (!_recording)
        {
            return;
        }

        if (tick.TimeS > _recordUntilS)
        {
            _recording = false;
            return;
        }

        if (tick.TickNumber % _decimation == 0)
        {
            Ring.TryWrite(tick.Sensors, tick.Outputs, tick.TimeS, tick.Safe, 0);
        }
    }

    // Held until this tick's outputs are written (OnTick), so that a trip carries its latency; the tick's
    // events keep their order.
    private void Hold(SessionEvent sessionEvent, StimulusProfile? profile)
    {
        if (_pendingCount == _pending.Length)
        {
            _items.Enqueue(new RecordedEvent(sessionEvent, profile, null)); // more than a tick ever makes: keep it, without latency
            return;
        }

        _pending[_pendingCount++] = (sessionEvent, profile);
    }

    /// <summary>Consumer side: the next event or alarm change, in the order they happened.</summary>
    public bool TryTake(out RecordedItem item) => _items.TryDequeue(out item!);

    /// <summary>
    /// The alarm book changed (<see cref="AlarmBook.Changed"/>). Raised during the supervisor's evaluation, before
    /// this tick's time reaches <see cref="OnTick"/>: stamped with the previous tick's time (one tick early at most);
    /// a new alarm carries its own raise time.
    /// </summary>
    public void OnAlarmsChanged(IReadOnlyList<Alarm> active) =>
        _items.Enqueue(new RecordedAlarms(active, _lastTickS, _time.GetUtcNow()));
}

/// <summary>Something the recorder handed to the writer (allocated only when something happens, never per tick).</summary>
public abstract record RecordedItem
{
    /// <summary>Control-loop time, s.</summary>
    public abstract double AtS { get; }
}

/// <summary>A session event; the profile (and plan) are given with the event that opens a session.</summary>
public sealed record RecordedEvent(SessionEvent Event, StimulusProfile? Profile, double? LatencyMs) : RecordedItem
{
    public string? PlanId { get; init; }

    public int? PlanLevel { get; init; }

    public override double AtS => Event.AtS;
}

/// <summary>The set of latched alarms after a change.</summary>
public sealed record RecordedAlarms(IReadOnlyList<Alarm> Active, double LoopS, DateTimeOffset At) : RecordedItem
{
    public override double AtS => LoopS;
}
