using System.Text.Json;
using AmpsDevice.FirmwareHost.Control;
using AmpsDevice.FirmwareHost.Hardware;
using AmpsDevice.FirmwareHost.Safety;
using AmpsDevice.Protocol.Envelope;
using AmpsDevice.Protocol.Messages;
using AmpsDevice.Protocol.Profiles;

namespace AmpsDevice.Bench.Fleet;

/// <summary>
/// One fleet device's sessions, one after another as a clinic runs them: idle a while, the profile from start to
/// end (its steps on the profile's own timeline, a pain rating now and then), completed, idle again. Channel
/// values follow the profile plausibly (pads approach their setpoint with a 20 s time constant, vibration and
/// pressure as their steps ask); this is load for the dashboard, not a physics model (the simulator is that).
/// </summary>
public sealed class FleetSession
{
    private const double PadTimeConstantS = 20;
    private const double RestingForceN = 0.4;

    private readonly StimulusProfile _profile;
    private readonly ProfileTimeline _timeline;
    private readonly JsonElement _profileJson;
    private readonly DeviceShape _shape;
    private readonly Random _random;
    private readonly string? _patientId;
    private readonly double[] _padC;
    private SessionState _state = SessionState.Idle;
    private double _stateSinceS;
    private double _idleForS;
    private int _stepIndex = -1;
    private int _sessions;
    private double _nextRatingS;
    private double _lastS;

    /// <param name="patientId">The patient of every session; null: one of 40 in turn (the fleet's busy clinic).</param>
    public FleetSession(StimulusProfile profile, DeviceShape shape, int seed, string? patientId = null)
    {
        _patientId = patientId;
        _profile = profile;
        _timeline = ProfileTimeline.Of(profile);
        using (var document = JsonDocument.Parse(ProfileJson.SerializeToUtf8Bytes(profile)))
        {
            _profileJson = document.RootElement.Clone();
        }

        _shape = shape;
        _random = new Random(seed);
        _padC = [.. shape.Pads.Select(_ => AbsoluteLimits.NeutralC)];
        _idleForS = _random.NextDouble() * 20;
    }

    public SessionState State => _state;

    public string? SessionId { get; private set; }

    /// <summary>
    /// Moves the session to loop time <paramref name="nowS"/> (s since the device started): starts, steps, ratings,
    /// completion. Adds what happened to <paramref name="events"/>; true when the session state changed.
    /// </summary>
    public bool Advance(double nowS, DateTimeOffset wallClock, List<DeviceEvent> events)
    {
        var dt = nowS - _lastS;
        _lastS = nowS;
        var changed = false;
        if (_state != SessionState.Running)
        {
            if (nowS - _stateSinceS >= _idleForS)
            {
                _state = SessionState.Running;
                _stateSinceS = nowS;
                _stepIndex = -1;
                SessionId = $"s-{++_sessions:0000}-{_random.Next(0x10000):x4}";
                _nextRatingS = 20 + (_random.NextDouble() * 40);
                events.Add(new DeviceEvent(EventKind.SessionStarted, wallClock, SessionId, Origin: "local"));
                changed = true;
            }
        }

        if (_state == SessionState.Running)
        {
            var elapsed = nowS - _stateSinceS;
            if (elapsed >= _timeline.NominalDurationS)
            {
                events.Add(new DeviceEvent(EventKind.StepEnded, wallClock, SessionId, Value: _stepIndex));
                events.Add(new DeviceEvent(EventKind.SessionCompleted, wallClock, SessionId, Message: "completed"));
                _state = SessionState.Completed;
                _stateSinceS = nowS;
                _idleForS = 10 + (_random.NextDouble() * 20);
                _stepIndex = -1;
                changed = true;
            }
            else
            {
                var step = StepAt(elapsed);
                if (step != _stepIndex)
                {
                    if (_stepIndex >= 0)
                    {
                        events.Add(new DeviceEvent(EventKind.StepEnded, wallClock, SessionId, Value: _stepIndex));
                    }

                    _stepIndex = step;
                    events.Add(new DeviceEvent(EventKind.StepStarted, wallClock, SessionId, Value: step));
                    changed = true;
                }

                if (elapsed >= _nextRatingS)
                {
                    events.Add(new DeviceEvent(EventKind.PainRating, wallClock, SessionId, Value: _random.Next(0, 4), Origin: "remote"));
                    _nextRatingS = elapsed + 40 + (_random.NextDouble() * 40);
                }
            }
        }

        for (var i = 0; i < _padC.Length; i++)
        {
            var setpoint = PadSetpointC(i) ?? AbsoluteLimits.NeutralC;
            _padC[i] += (setpoint - _padC[i]) * (1 - Math.Exp(-Math.Max(0, dt) / PadTimeConstantS));
        }

        return changed;
    }

    /// <summary>Writes this moment's readings, outputs and pad setpoints into the control loop's frames.</summary>
    public void Fill(SensorFrame sensors, ActuatorFrame outputs, ControlIntent intent)
    {
        var elapsed = _lastS - _stateSinceS;
        for (var i = 0; i < _padC.Length; i++)
        {
            var setpoint = PadSetpointC(i);
            var noise = (_random.NextDouble() - 0.5) * 0.02;
            sensors.Pads[i].ControlC = Reading(_padC[i] + noise);
            sensors.Pads[i].SafetyC = Reading(_padC[i] + 0.08 - noise);
            outputs.Pads[i] = new PadOutput { Enabled = setpoint is not null, Drive = setpoint is { } s ? Math.Clamp((s - _padC[i]) * 0.4, -1, 1) : 0 };
            intent.Pads[i] = new PadIntent { Active = setpoint is not null, SetpointC = setpoint ?? double.NaN };
        }

        for (var i = 0; i < outputs.Vibration.Length; i++)
        {
            outputs.Vibration[i] = Vibration(_shape.Vibration[i], elapsed);
        }

        for (var i = 0; i < sensors.Pressure.Length; i++)
        {
            var target = PressureTargetN(_shape.Pressure[i]);
            sensors.Pressure[i].ForceN = Reading((target ?? RestingForceN) + ((_random.NextDouble() - 0.5) * 0.3));
        }
    }

    /// <summary>The retained session state as the device publishes it (on every change and once a second while running).</summary>
    public SessionStateMessage Snapshot(DateTimeOffset wallClock)
    {
        if (SessionId is null)
        {
            return new SessionStateMessage(_state, wallClock);
        }

        var running = _state == SessionState.Running;
        var elapsed = running ? _lastS - _stateSinceS : _timeline.NominalDurationS;
        return new SessionStateMessage(
            _state, wallClock, SessionId, _patientId ?? "p-" + (1 + (_sessions % 40)).ToString("000"), _profile.Name,
            running ? Math.Max(0, _stepIndex) : null, _timeline.Steps.Count,
            Math.Round(Math.Max(0, _timeline.NominalDurationS - elapsed), 1), Math.Round(elapsed, 1),
            null, _profileJson, _profile.PainStopAt,
            running && _stepIndex >= 0 ? Math.Round(_timeline.Steps[_stepIndex].StartS, 1) : null);
    }

    private int StepAt(double elapsed)
    {
        var index = 0;
        for (var i = 0; i < _timeline.Steps.Count; i++)
        {
            if (_timeline.Steps[i].StartS <= elapsed)
            {
                index = i;
            }
        }

        return index;
    }

    private IEnumerable<ProfileStep> CurrentLeaves() =>
        _state != SessionState.Running || _stepIndex < 0
            ? []
            : _timeline.Steps[_stepIndex].Step is ParallelStep parallel ? parallel.Steps : [_timeline.Steps[_stepIndex].Step];

    private double? PadSetpointC(int pad)
    {
        if (_state != SessionState.Running || !_timeline.WorstCasePadSegments.TryGetValue(_shape.Pads[pad], out var segments))
        {
            return null;
        }

        var elapsed = _lastS - _stateSinceS;
        foreach (var s in segments)
        {
            if (elapsed >= s.StartS && elapsed < s.EndS)
            {
                return s.EndS > s.StartS ? s.StartC + ((s.EndC - s.StartC) * (elapsed - s.StartS) / (s.EndS - s.StartS)) : s.EndC;
            }
        }

        return null;
    }

    private VibrationOutput Vibration(string channel, double elapsed)
    {
        foreach (var step in CurrentLeaves())
        {
            switch (step)
            {
                case VibrationStep v when v.Channel == channel:
                    var on = v.Pattern != VibrationPattern.Pulsed || v.OnS is not { } onS || v.OffS is not { } offS || (elapsed % (onS + offS)) < onS;
                    return new VibrationOutput { FrequencyHz = v.FrequencyHz, Amplitude = on ? v.Amplitude : 0 };
                case BreathingStep b when b.Channel == channel:
                    var cue = 0.5 + (0.5 * Math.Sin(2 * Math.PI * b.BreathsPerMin / 60 * elapsed));
                    return new VibrationOutput { FrequencyHz = 80, Amplitude = Math.Round(BreathingStep.CueAmplitude * cue, 3) };
            }
        }

        return default;
    }

    private double? PressureTargetN(string channel) =>
        CurrentLeaves().OfType<PressureStep>().FirstOrDefault(p => p.Channel == channel)?.TargetN;

    private static SensorValue Reading(double value) => new() { Value = value, Ok = true, Fresh = true };
}
