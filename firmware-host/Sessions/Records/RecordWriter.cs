using AmpsDevice.FirmwareHost.Control;
using System.Text.Json;
using AmpsDevice.Protocol.Messages;
using AmpsDevice.Protocol.Profiles;

namespace AmpsDevice.FirmwareHost.Sessions.Records;

/// <summary>
/// Moves what the <see cref="SessionRecorder"/> handed over into the <see cref="RecordStore"/>, one
/// transaction per <see cref="Flush"/>. Events and samples are merged in time order, so a sample always
/// lands in the session that was open when it was taken. One thread calls <see cref="Flush"/> at a time.
/// </summary>
public sealed class RecordWriter
{
    private readonly SessionRecorder _recorder;
    private readonly RecordStore _store;
    private readonly List<RecordedItem> _items = [];
    private readonly Dictionary<(string Rule, string Target), long> _openAlarms = [];
    private readonly double[] _values;
    private readonly string _channelsJson;
    private Open? _open;

    public RecordWriter(SessionRecorder recorder, RecordStore store)
    {
        _recorder = recorder;
        _store = store;
        _values = new double[recorder.Channels.Width];
        _channelsJson = JsonSerializer.Serialize(recorder.Channels, RecordJsonContext.Default.SampleChannels);
    }

    /// <summary>Samples written since start.</summary>
    public long SamplesWritten { get; private set; }

    /// <summary>Writes everything handed over so far and commits it. Returns the number of items and samples written.</summary>
    /// <exception cref="Microsoft.Data.Sqlite.SqliteException">The batch could not be written; nothing of it was, and the next flush tries again.</exception>
    public int Flush()
    {
        var ring = _recorder.Ring;
        var samples = ring.Count; // first: every sample counted here was taken after the events that precede it were queued
        while (_recorder.TryTake(out var item))
        {
            _items.Add(item);
        }

        if (samples == 0 && _items.Count == 0)
        {
            return 0;
        }

        // A batch that fails (disk full, failing card) is rolled back whole and tried again at the next flush:
        // its events stay in _items, its samples in the ring, and the writer's own state goes back with it.
        var open = _open is null ? null : _open with { };
        var openAlarms = new Dictionary<(string Rule, string Target), long>(_openAlarms);
        _store.Begin();
        try
        {
            var next = 0;
            for (var i = 0; i < samples; i++)
            {
                var sample = ring.Peek(i);
                while (next < _items.Count && _items[next].AtS <= sample.TimeS)
                {
                    Write(_items[next++]);
                }

                WriteSample(sample);
            }

            while (next < _items.Count)
            {
                Write(_items[next++]);
            }

            _store.Commit();
        }
        catch
        {
            _store.Rollback();
            _open = open;
            _openAlarms.Clear();
            foreach (var (key, row) in openAlarms)
            {
                _openAlarms[key] = row;
            }

            throw;
        }

        ring.Advance(samples);
        var written = samples + _items.Count;
        _items.Clear();
        return written;
    }

    private void WriteSample(TickSampleRing.SampleView sample)
    {
        if (_open is null)
        {
            return;
        }

        var c = _recorder.Channels;
        for (var i = 0; i < c.Pads.Count; i++)
        {
            _values[SampleChannels.PadMeasured(i)] = sample.PadMeasuredC(i);
            _values[SampleChannels.PadSafety(i)] = sample.PadSafetyC(i);
            _values[SampleChannels.PadDrive(i)] = sample.PadDrive(i);
        }

        for (var i = 0; i < c.Vibration.Count; i++)
        {
            _values[c.VibFrequency(i)] = sample.VibFrequencyHz(i);
            _values[c.VibAmplitude(i)] = sample.VibAmplitude(i);
        }

        for (var i = 0; i < c.Pressure.Count; i++)
        {
            _values[c.PressureForce(i)] = sample.PressureForceN(i);
        }

        var blob = new byte[_values.Length * 4];
        SampleChannels.Pack(_values, blob);
        _store.AddSample(_open.Row, Math.Round(sample.TimeS - _open.StartLoopS, 3), sample.Safe, blob);
        SamplesWritten++;
    }

    private void Write(RecordedItem item)
    {
        switch (item)
        {
            case RecordedEvent { Profile: { } profile } opening:
                var e = opening.Event;
                _open = new Open(
                    _store.AddSession(e.Session.SessionId ?? "unnamed", e.Session.PatientId ?? "", profile.Name, ProfileJson.Serialize(profile),
                        _channelsJson, SessionRecorder.SampleRateHz, e.Origin?.ToString().ToLowerInvariant(), e.At, e.AtS, opening.PlanId, opening.PlanLevel),
                    e.AtS, e.At);
                WriteEvent(opening);
                break;
            case RecordedEvent recorded:
                WriteEvent(recorded);
                break;
            case RecordedAlarms alarms:
                WriteAlarms(alarms);
                break;
        }
    }

    private void WriteEvent(RecordedEvent recorded)
    {
        if (_open is null)
        {
            return; // an event outside any recorded session (a refused command while idle): the MQTT events topic has it
        }

        var e = recorded.Event;
        var atS = Math.Round(e.AtS - _open.StartLoopS, 3);
        var kind = KindName(e.Kind);
        _store.AddEvent(_open.Row, new EventRecord(atS, e.At, kind, e.Session.State.ToWire(), e.StepIndex, e.Target, e.Rule,
            e.Value, e.Message, e.Result, e.Origin?.ToString().ToLowerInvariant(), recorded.LatencyMs is { } l ? Math.Round(l, 3) : null));
        switch (e.Kind)
        {
            case EventKind.StepStarted when e.StepIndex is { } index:
                _store.StartStep(_open.Row, index, e.Message ?? "step", atS);
                break;
            case EventKind.StepEnded when e.StepIndex is { } index:
                _store.EndStep(_open.Row, index, atS, e.Result ?? "done");
                break;
            case EventKind.PainRating when e.Value is { } pain:
                _open.MaxPain = Math.Max(_open.MaxPain, (int)pain);
                break;
            case EventKind.SessionCompleted or EventKind.SessionStopped or EventKind.SafetyStop:
                _store.EndSession(_open.Row, e.At, Math.Round((e.At - _open.StartedAt).TotalSeconds, 3), e.Session.State.ToWire(),
                    e.Session.Reason, _open.MaxPain);
                break;
        }
    }

    private void WriteAlarms(RecordedAlarms alarms)
    {
        var start = _open?.StartLoopS ?? 0;
        foreach (var a in alarms.Active)
        {
            if (!_openAlarms.ContainsKey((a.Rule, a.Target)))
            {
                _openAlarms[(a.Rule, a.Target)] = _store.AddAlarm(_open?.Row, a.Rule, a.Target, PriorityName(a.Priority), a.Message,
                    Math.Round(a.RaisedAtS - start, 3), a.RaisedAt);
            }
        }

        foreach (var (key, row) in _openAlarms.ToList())
        {
            if (!alarms.Active.Any(a => a.Rule == key.Rule && a.Target == key.Target))
            {
                _store.ClearAlarm(row, Math.Round(alarms.LoopS - start, 3), alarms.At);
                _openAlarms.Remove(key);
            }
        }
    }

    /// <summary>The <c>events</c> topic's name of a kind (<c>session-started</c>, ...).</summary>
    public static string KindName(EventKind kind) =>
        JsonSerializer.Serialize(kind, RecordJsonContext.Default.EventKind).Trim('"');

    private static string PriorityName(Safety.AlarmPriority priority) => priority switch
    {
        Safety.AlarmPriority.High => "high",
        Safety.AlarmPriority.Medium => "medium",
        _ => "low",
    };

    private sealed record Open(long Row, double StartLoopS, DateTimeOffset StartedAt)
    {
        public int MaxPain { get; set; }
    }
}
