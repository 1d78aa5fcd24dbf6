using AmpsDevice.FirmwareHost.Control;
using AmpsDevice.FirmwareHost.Hardware;
using AmpsDevice.FirmwareHost.Sessions;
using AmpsDevice.Protocol.Messages;

namespace AmpsDevice.FirmwareHost.Simulation;

/// <summary>Collects what a simulated session's report holds, from the ticks and the session events.</summary>
public sealed class ReportBuilder : ITickObserver, ISessionObserver
{
    private readonly IPhysicalTruth _truth;
    private readonly DeviceShape _shape;
    private readonly Extremes[] _measured;
    private readonly Extremes[] _physical;
    private readonly Extremes[] _safety;
    private readonly double[] _amplitudeMax;
    private readonly double[] _physicalAmplitudeMax;
    private readonly double[] _forceMax;
    private readonly double[] _physicalForceMax;
    private readonly List<SafetyEventReport> _safetyEvents = [];
    private readonly List<PainRatingReport> _pain = [];
    private readonly List<StepReport> _steps = [];
    private readonly List<EventReport> _events = [];
    private readonly Dictionary<int, (double StartedAtS, string? Kind)> _openSteps = [];
    private readonly Dictionary<string, double> _faultInjections = new(StringComparer.Ordinal);
    private readonly Func<double> _writeTimeS;

    /// <param name="writeTimeS">Loop time at which the current tick's outputs were written, s.</param>
    public ReportBuilder(DeviceShape shape, IPhysicalTruth truth, Func<double> writeTimeS)
    {
        _shape = shape;
        _truth = truth;
        _writeTimeS = writeTimeS;
        _measured = new Extremes[shape.Pads.Count];
        _physical = new Extremes[shape.Pads.Count];
        _safety = new Extremes[shape.Pads.Count];
        _amplitudeMax = new double[shape.Vibration.Count];
        _physicalAmplitudeMax = new double[shape.Vibration.Count];
        _forceMax = new double[shape.Pressure.Count];
        _physicalForceMax = new double[shape.Pressure.Count];
    }

    public SessionState FinalState { get; private set; } = SessionState.Idle;

    public string? FinalReason { get; private set; }

    /// <summary>Loop time of the last tick seen, s.</summary>
    public double LastTimeS { get; private set; }

    /// <summary>Time the session started running, s (NaN before).</summary>
    public double StartedAtS { get; private set; } = double.NaN;

    /// <summary>Remembers a fault injection, to put beside the trip it causes.</summary>
    /// <param name="atS">Seconds from the session's start.</param>
    public void FaultInjected(string target, double atS) => _faultInjections[target] = atS;

    public void OnTick(in TickView tick)
    {
        LastTimeS = tick.TimeS;
        if (tick.TimeS < ControlLoop.WarmUpS)
        {
            return; // the sensors' first conversions are not readings yet
        }

        var s = tick.Sensors;
        for (var i = 0; i < s.Pads.Length; i++)
        {
            if (s.Pads[i].ControlC.Ok)
            {
                _measured[i].Add(s.Pads[i].ControlC.Value);
            }

            if (s.Pads[i].SafetyC.Ok)
            {
                _safety[i].Add(s.Pads[i].SafetyC.Value);
            }

            _physical[i].Add(_truth.PadSurfaceC(i));
        }

        for (var i = 0; i < _amplitudeMax.Length; i++)
        {
            _amplitudeMax[i] = Math.Max(_amplitudeMax[i], tick.Outputs.MasterEnable ? tick.Outputs.Vibration[i].Amplitude : 0);
            _physicalAmplitudeMax[i] = Math.Max(_physicalAmplitudeMax[i], _truth.VibrationAmplitude(i));
        }

        for (var i = 0; i < _forceMax.Length; i++)
        {
            if (s.Pressure[i].ForceN.Ok)
            {
                _forceMax[i] = Math.Max(_forceMax[i], s.Pressure[i].ForceN.Value);
            }

            _physicalForceMax[i] = Math.Max(_physicalForceMax[i], _truth.ForceN(i));
        }
    }

    public void OnSessionEvent(SessionEvent sessionEvent)
    {
        // Report times are seconds from the session's start, like the scenario's "at".
        if (sessionEvent.Kind == EventKind.SessionStarted && double.IsNaN(StartedAtS))
        {
            StartedAtS = sessionEvent.AtS;
        }

        var e = sessionEvent with { AtS = sessionEvent.AtS - (double.IsNaN(StartedAtS) ? 0 : StartedAtS) };
        FinalState = e.Session.State;
        FinalReason = e.Session.Reason;
        switch (e.Kind)
        {
            case EventKind.StepStarted when e.StepIndex is { } started:
                _openSteps[started] = (e.AtS, e.Message);
                break;
            case EventKind.StepEnded when e.StepIndex is { } ended:
                var (at, kind) = _openSteps.TryGetValue(ended, out var open) ? open : (e.AtS, null);
                _steps.Add(new StepReport(ended, Round(at), Round(e.AtS), e.Result ?? "done") { Kind = kind });
                _openSteps.Remove(ended);
                break;
            case EventKind.PainRating when e.Value is { } value:
                _pain.Add(new PainRatingReport(Round(e.AtS), (int)value));
                break;
            case EventKind.SafetyTrip or EventKind.EStop or EventKind.PatientStop or EventKind.Withdrawal:
                // The supervisor gates the outputs in the tick that holds the evidence; they are written
                // before the tick ends, at the loop's write time.
                var safeAt = Math.Max(e.AtS, _writeTimeS() - (double.IsNaN(StartedAtS) ? 0 : StartedAtS));
                _safetyEvents.Add(new SafetyEventReport(e.Rule ?? e.Kind.ToString(), e.Target ?? "", Round(e.AtS), Round(safeAt), Math.Round((safeAt - e.AtS) * 1000, 3))
                {
                    FaultInjectedAtS = FaultFor(e.Target),
                    Message = e.Message,
                });
                break;
        }

        _events.Add(new EventReport(Round(e.AtS), WireName(e.Kind), e.Target, e.Message));
    }

    private double? FaultFor(string? target)
    {
        if (string.IsNullOrEmpty(target))
        {
            return _faultInjections.Count > 0 ? _faultInjections.Values.Max() : null;
        }

        var channel = target.Split('.')[0];
        double? best = null;
        foreach (var (t, at) in _faultInjections)
        {
            if (t == target || t.Split('.')[0] == channel || t.StartsWith("i2c", StringComparison.Ordinal) || t.Length == 0)
            {
                best = best is null ? at : Math.Max(best.Value, at);
            }
        }

        return best;
    }

    public SimulationReport Build(string outcome, int seed, string? profileName)
    {
        var channels = new SortedDictionary<string, ChannelReport>(StringComparer.Ordinal);
        for (var i = 0; i < _shape.Pads.Count; i++)
        {
            channels[_shape.Pads[i]] = new ChannelReport
            {
                MeasuredMaxC = Round(_measured[i].Max),
                MeasuredMinC = Round(_measured[i].Min),
                PhysicalMaxC = Round(_physical[i].Max),
                PhysicalMinC = Round(_physical[i].Min),
                SafetySensorMaxC = Round(_safety[i].Max),
            };
        }

        for (var i = 0; i < _shape.Vibration.Count; i++)
        {
            channels[_shape.Vibration[i]] = new ChannelReport { AmplitudeMax = Round(_amplitudeMax[i]), PhysicalAmplitudeMax = Round(_physicalAmplitudeMax[i]) };
        }

        for (var i = 0; i < _shape.Pressure.Count; i++)
        {
            channels[_shape.Pressure[i]] = new ChannelReport { ForceMaxN = Round(_forceMax[i]), PhysicalForceMaxN = Round(_physicalForceMax[i]) };
        }

        foreach (var (index, open) in _openSteps.OrderBy(kv => kv.Key))
        {
            _steps.Add(new StepReport(index, Round(open.StartedAtS), Round(LastTimeS - (double.IsNaN(StartedAtS) ? 0 : StartedAtS)), "interrupted") { Kind = open.Kind });
        }

        _openSteps.Clear();
        var duration = double.IsNaN(StartedAtS) ? 0 : LastTimeS - StartedAtS;
        return new SimulationReport(outcome, Round(duration), channels, _safetyEvents, _pain, _steps.OrderBy(s => s.Index).ToList())
        {
            Seed = seed,
            Profile = profileName,
            Reason = FinalReason,
            Events = _events,
        };
    }

    private static double Round(double v) => double.IsFinite(v) ? Math.Round(v, 3) : 0;

    private static string WireName(EventKind kind) =>
        System.Text.Json.JsonSerializer.Serialize(kind, Protocol.Messages.ProtocolJsonContext.Default.EventKind).Trim('"');

    private struct Extremes
    {
        private bool _any;

        public double Max { get; private set; }

        public double Min { get; private set; }

        public void Add(double v)
        {
            if (!_any)
            {
                _any = true;
                Max = Min = v;
                return;
            }

            Max = Math.Max(Max, v);
            Min = Math.Min(Min, v);
        }
    }
}
