using AmpsDevice.FirmwareHost.Hardware;
using AmpsDevice.FirmwareHost.Safety;
using AmpsDevice.Protocol.Envelope;

namespace AmpsDevice.FirmwareHost.Control;

/// <summary>
/// One control tick, in the one direction data flows: read every sensor, let the safety supervisor
/// judge the evidence, let the session decide targets, run the controllers, pass the outputs through
/// the supervisor's gate, write them, and show the tick to the observers. Who calls <see cref="Tick"/>
/// decides the time base: <see cref="ControlLoopRunner"/> in real time, <c>simulate</c> in virtual time.
/// </summary>
public sealed class ControlLoop
{
    private readonly IDeviceIo _io;
    private readonly IStimulusSource _stimulus;
    private readonly List<ITickObserver> _observers;
    private readonly TimeProvider _time;
    private readonly SensorFrame _sensors;
    private readonly ActuatorFrame _outputs;
    private readonly StimulusTargets _targets;
    private readonly PadTemperatureController[] _pads;
    private readonly LowPassFilter[] _forceFilters;
    private readonly double[] _filteredForce;
    private readonly double _forceFilterS;

    // The vibration band in force (the absolute limits as configuration tightened them), read once.
    private readonly double _vibrationMinHz;
    private readonly double _vibrationMaxHz;
    private readonly long _periodTicks;
    private long _startTimestamp;
    private long _lastTimestamp;
    private int _lastWriteFailures;

    public ControlLoop(IDeviceIo io, SafetySupervisor supervisor, SafetyContext safety, IStimulusSource stimulus,
        IEnumerable<ITickObserver> observers, TimeProvider time, ControlLoopOptions options)
    {
        _io = io;
        Supervisor = supervisor;
        Safety = safety;
        _stimulus = stimulus;
        _observers = observers.ToList();
        _time = time;
        Shape = io.Shape;
        PeriodS = 1.0 / options.TickRateHz;
        _periodTicks = (long)Math.Round(time.TimestampFrequency * PeriodS);
        _forceFilterS = options.ForceFilterS;
        _vibrationMinHz = safety.Limits[AbsoluteLimits.VibrationMinHz];
        _vibrationMaxHz = safety.Limits[AbsoluteLimits.VibrationMaxHz];
        _sensors = safety.Sensors;
        _outputs = Shape.CreateActuatorFrame();
        _targets = new StimulusTargets(Shape.Pads.Count, Shape.Vibration.Count, Shape.Pressure.Count);
        _pads = Shape.Pads.Select(_ => new PadTemperatureController()).ToArray();
        _forceFilters = new LowPassFilter[Shape.Pressure.Count];
        _filteredForce = new double[Shape.Pressure.Count];
    }

    /// <summary>
    /// Time after start during which outputs are held safe and no rule is judged, s: long enough for every
    /// sensor's first conversion (TMP117 15.5 ms; an ADS1115 input visited every fourth tick, 40 ms).
    /// </summary>
    public const double WarmUpS = 0.25;

    public DeviceShape Shape { get; }

    public SafetySupervisor Supervisor { get; }

    public SafetyContext Safety { get; }

    /// <summary>Nominal period, s.</summary>
    public double PeriodS { get; }

    /// <summary>Nominal period in <see cref="TimeProvider"/> timestamp units.</summary>
    public long PeriodTimestampTicks => _periodTicks;

    public long TickCount { get; private set; }

    /// <summary>Seconds from <see cref="Start"/> to the last tick.</summary>
    public double TimeS { get; private set; }

    /// <summary>Timestamp at which the last tick's outputs were written.</summary>
    public long LastWriteTimestamp { get; private set; }

    /// <summary>Seconds from <see cref="Start"/> to the moment the last tick's outputs were written.</summary>
    public double LastWriteTimeS => (double)(LastWriteTimestamp - _startTimestamp) / _time.TimestampFrequency;

    /// <summary>The outputs written by the last tick.</summary>
    public ActuatorFrame Outputs => _outputs;

    /// <summary>The readings of the last tick.</summary>
    public SensorFrame Sensors => _sensors;

    /// <summary>The filtered forces, N.</summary>
    public ReadOnlySpan<double> FilteredForceN => _filteredForce;

    /// <summary>Adds an observer; call before <see cref="Start"/>.</summary>
    public void AddObserver(ITickObserver observer) => _observers.Add(observer);

    /// <summary>Drives every output safe before anything else, and starts the clock.</summary>
    public void Start()
    {
        _io.DriveSafe();
        _startTimestamp = _time.GetTimestamp();
        TickCount = 0;
    }

    /// <summary>One tick, due the moment it starts: a simulation in virtual time and the tests step the loop so.</summary>
    public void Tick() => RunTick(null);

    /// <summary>
    /// One tick that <see cref="ControlLoopRunner"/> scheduled for <paramref name="dueTimestamp"/> (a timestamp of the
    /// loop's <see cref="TimeProvider"/>, at or before now), which the observers see as <see cref="TickView.DueTimestamp"/>.
    /// </summary>
    public void Tick(long dueTimestamp) => RunTick(dueTimestamp);

    private void RunTick(long? dueTimestamp)
    {
        var now = _time.GetTimestamp();
        var missed = TickCount == 0 ? 0 : (int)Math.Max(0, Math.Round((double)(now - _lastTimestamp) / _periodTicks) - 1);
        _lastTimestamp = now;
        TimeS = (double)(now - _startTimestamp) / _time.TimestampFrequency;

        _sensors.Timestamp = now;
        _io.Read(_sensors);

        var safety = Safety;
        safety.TimeS = TimeS;
        safety.TickNumber = TickCount;
        safety.MissedTicks = missed;
        safety.LastWriteFailures = _lastWriteFailures;
        if (TimeS < WarmUpS)
        {
            // Every chip is still producing its first conversion: hold everything safe, judge nothing yet.
            _outputs.SetSafe();
        }
        else
        {
            Supervisor.Evaluate(safety);
            FilterForces();
            _stimulus.Update(safety, Supervisor, _filteredForce, _targets);
            RunControllers();
            Supervisor.Gate(_outputs);
        }

        _lastWriteFailures = _io.Write(_outputs);
        if (_lastWriteFailures > 0)
        {
            _io.DriveSafe();
            _outputs.SetSafe();
        }

        LastWriteTimestamp = _time.GetTimestamp();
        CopyTo(_outputs, safety.LastOutputs);
        var view = new TickView(now, TimeS, TickCount, _sensors, _outputs, _outputs.IsSafe, Shape) { DueTimestamp = dueTimestamp ?? now, WriteTimeS = LastWriteTimeS, Intent = safety.Intent };
        for (var i = 0; i < _observers.Count; i++)
        {
            _observers[i].OnTick(view);
        }

        TickCount++;
    }

    private void FilterForces()
    {
        for (var i = 0; i < _filteredForce.Length; i++)
        {
            ref readonly var force = ref _sensors.Pressure[i].ForceN;
            if (force.Ok)
            {
                _filteredForce[i] = _forceFilters[i].Update(force.Value, PeriodS, _forceFilterS);
            }
        }
    }

    private void RunControllers()
    {
        var intent = Safety.Intent;
        _outputs.MasterEnable = _targets.PowerOn;
        var stimulus = false;
        for (var i = 0; i < _pads.Length; i++)
        {
            ref readonly var target = ref _targets.Pads[i];
            _pads[i].Update(target, _sensors.Pads[i], PeriodS, ref _outputs.Pads[i]);
            intent.Pads[i].Active = target.Active;
            intent.Pads[i].SetpointC = _pads[i].SetpointC;
            intent.Pads[i].Holding = _pads[i].Holding;
            stimulus |= target.Active && Math.Abs(target.TargetC - AbsoluteLimits.NeutralC) > 0.5;
        }

        for (var i = 0; i < _outputs.Vibration.Length; i++)
        {
            ref readonly var target = ref _targets.Vibration[i];
            ref var output = ref _outputs.Vibration[i];
            output.FrequencyHz = Math.Clamp(target.FrequencyHz, _vibrationMinHz, _vibrationMaxHz);
            output.Amplitude = Math.Clamp(target.Amplitude, 0, 1);
            intent.Vibration[i].Amplitude = output.Amplitude;
            stimulus |= output.Amplitude > 0;
        }

        for (var i = 0; i < _targets.Pressure.Length; i++)
        {
            intent.Pressure[i].Guided = _targets.Pressure[i].Guided;
            intent.Pressure[i].TargetN = _targets.Pressure[i].TargetN;
            stimulus |= _targets.Pressure[i].Guided;
        }

        intent.StimulusActive = stimulus && _targets.PowerOn;
        _outputs.StatusLed = _targets.PowerOn;
        _outputs.Buzzer = Supervisor.Alarms.AnyLatched && (TickCount * PeriodS % 1.0) < 0.5;
    }

    private static void CopyTo(ActuatorFrame from, ActuatorFrame to)
    {
        to.MasterEnable = from.MasterEnable;
        to.StatusLed = from.StatusLed;
        to.Buzzer = from.Buzzer;
        from.Pads.AsSpan().CopyTo(to.Pads);
        from.Vibration.AsSpan().CopyTo(to.Vibration);
    }
}
