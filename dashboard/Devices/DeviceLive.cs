using AmpsDevice.Dashboard.Profiles;
using AmpsDevice.Protocol.Messages;
using AmpsDevice.Protocol.Topics;

namespace AmpsDevice.Dashboard.Devices;

/// <summary>One device as last heard: its retained state, recent events and recent samples. Guarded by its own lock.</summary>
public sealed class DeviceLive(string deviceId, DateTimeOffset firstSeen)
{
    public const int EventCapacity = 200;

    /// <summary>Two minutes at the default 10 samples a second.</summary>
    public const int SampleCapacity = 1200;

    private readonly Queue<DeviceEvent> _events = new();
    private readonly RecentSamples _samples = new(SampleCapacity);
    private DateTimeOffset _lastHeard = firstSeen;

    public Lock Gate { get; } = new();

    public string DeviceId { get; } = deviceId;

    public bool IdValid { get; } = DeviceTopics.IsValidDeviceId(deviceId, out _);

    public StatusMessage? Status { get; private set; }

    public SessionStateMessage? Session { get; private set; }

    public TimelineView? Timeline { get; private set; }

    public AlarmsMessage? Alarms { get; private set; }

    public int? LastPainRating { get; private set; }

    public DateTimeOffset? LastPainAt { get; private set; }

    /// <summary>When telemetry (or, before any, the online status) last arrived, dashboard clock.</summary>
    public DateTimeOffset LastHeard => _lastHeard;

    public DeviceSummary LastSummary { get; set; } = null!;

    public void Apply(StatusMessage status, DateTimeOffset now)
    {
        Status = status;
        if (status.State == DeviceState.Online)
        {
            _lastHeard = now;
        }
    }

    public IReadOnlyList<TimedSample> Apply(TelemetryBatch batch, DateTimeOffset now)
    {
        _lastHeard = now;
        var added = new List<TimedSample>(batch.Samples.Count);
        var first = batch.At.ToUnixTimeMilliseconds();
        for (var i = 0; i < batch.Samples.Count; i++)
        {
            var sample = new TimedSample(first + (i * batch.SamplePeriodS * 1000), batch.Samples[i]);
            added.Add(sample);
            _samples.Add(sample.AtMs, sample.Sample);
        }

        return added;
    }

    public void Apply(SessionStateMessage session, TimelineView? timeline)
    {
        Session = session;
        Timeline = timeline;
    }

    public void Apply(DeviceEvent e)
    {
        _events.Enqueue(e);
        while (_events.Count > EventCapacity)
        {
            _events.Dequeue();
        }

        if (e.Kind == EventKind.PainRating && e.Value is { } value && double.IsFinite(value))
        {
            LastPainRating = (int)Math.Round(Math.Clamp(value, 0, 10));
            LastPainAt = e.At;
        }
    }

    public void Apply(AlarmsMessage alarms) => Alarms = alarms;

    public Connectivity ConnectivityAt(DateTimeOffset now, TimeSpan staleAfter) => Status?.State switch
    {
        null => Connectivity.Unknown,
        DeviceState.Offline => Connectivity.Offline,
        _ => now - _lastHeard > staleAfter ? Connectivity.Stale : Connectivity.Online,
    };

    public DeviceSummary Summarize(DateTimeOffset now, TimeSpan staleAfter)
    {
        var active = Alarms?.Active ?? [];
        AlarmHeadline? headline = null;
        if (active.Count > 0)
        {
            var top = active.OrderBy(a => a.Priority).ThenByDescending(a => a.RaisedAt).First();
            headline = new AlarmHeadline(top.Priority, top.Message, top.Rule, active.Count);
        }

        var s = Session;
        return new DeviceSummary(
            DeviceId,
            IdValid,
            ConnectivityAt(now, staleAfter),
            Status?.HardwareMode,
            Status?.Version,
            s?.State,
            s?.PatientId,
            s?.ProfileName,
            s?.StepIndex,
            s?.StepCount,
            s?.TimeLeftS,
            headline,
            LastPainRating,
            LastPainAt);
    }

    public DeviceDetail Detail(DateTimeOffset now, TimeSpan staleAfter) =>
        new(Summarize(now, staleAfter), Status, Session, Timeline, Alarms, [.. _events], _samples.ToList());
}
