using AmpsDevice.FirmwareHost.Hardware;
using AmpsDevice.FirmwareHost.Safety;
using AmpsDevice.Simulator.Time;
using AmpsDevice.Protocol.Envelope;

namespace AmpsDevice.Safety.Tests;

/// <summary>
/// A supervisor with the standard rules over hand-made frames, ticked at 100 Hz (or another period) in virtual time; or, through
/// <see cref="Judge"/>, one rule alone over the same context at hand-picked times.
/// </summary>
internal sealed class SupervisorHarness
{
    public const double Period = 0.01;

    /// <param name="limits">The limits in force (default: the absolute ones).</param>
    /// <param name="tickPeriodS">The control period the context and the rules are built for, s (default: <see cref="Period"/>).</param>
    public SupervisorHarness(LimitSet? limits = null, double tickPeriodS = Period)
    {
        TickPeriodS = tickPeriodS;
        Shape = new DeviceShape(["pad1", "pad2"], ["vib1", "vib2"], ["pressure1", "pressure2"]);
        Alarms = new AlarmBook();
        Context = new SafetyContext(Shape, limits ?? LimitSet.Absolute, tickPeriodS, Alarms);
        Supervisor = new SafetySupervisor(SafetySupervisor.StandardRules(Shape, tickPeriodS, 0.75), Alarms, Clock);
        Sensors = Context.Sensors;
        SetAllPads(32.0);
        for (var i = 0; i < Sensors.Pressure.Length; i++)
        {
            Sensors.Pressure[i].ForceN = Good(3.0);
        }

        for (var i = 0; i < Sensors.Vibration.Length; i++)
        {
            Sensors.Vibration[i].CurrentA = Good(0.0);
        }
    }

    public VirtualTimeProvider Clock { get; } = new();
    public double TickPeriodS { get; }
    public DeviceShape Shape { get; }
    public AlarmBook Alarms { get; }
    public SafetyContext Context { get; }
    public SafetySupervisor Supervisor { get; }
    public SensorFrame Sensors { get; }
    public long Tick { get; private set; }

    /// <summary>K1's mirror contact follows what K1 was told at once (true), or stays as the test sets it (false).</summary>
    public bool SoundContactor { get; set; } = true;

    public static SensorValue Good(double value) => new() { Value = value, Ok = true, Fresh = true };

    /// <summary>A read that failed this tick, the first to fail: the last value is kept, not <c>Ok</c>.</summary>
    public static SensorValue Failed(double lastValue) => new() { Value = lastValue, Ok = false, TicksSinceFresh = 1 };

    /// <summary><see cref="Good"/> when <paramref name="ok"/>, else <see cref="Failed"/>.</summary>
    public static SensorValue Reading(double value, bool ok) => ok ? Good(value) : Failed(value);

    public void SetAllPads(double c)
    {
        for (var i = 0; i < Sensors.Pads.Length; i++)
        {
            Sensors.Pads[i].ControlC = Good(c);
            Sensors.Pads[i].SafetyC = Good(c);
        }
    }

    /// <summary>Runs one tick; returns whether the supervisor held the outputs safe, and gates <paramref name="outputs"/>.</summary>
    public bool Step(ActuatorFrame? outputs = null)
    {
        Clock.Advance(TimeSpan.FromSeconds(TickPeriodS));
        Context.TimeS = Tick * TickPeriodS;
        Context.TickNumber = Tick++;
        if (SoundContactor)
        {
            Sensors.RailContactorClosed = Context.LastOutputs.MasterEnable && !Sensors.EStopActive;
        }

        var safe = Supervisor.Evaluate(Context);
        if (outputs is not null)
        {
            Supervisor.Gate(outputs);
            outputs.Pads.AsSpan().CopyTo(Context.LastOutputs.Pads);
            outputs.Vibration.AsSpan().CopyTo(Context.LastOutputs.Vibration);
            Context.LastOutputs.MasterEnable = outputs.MasterEnable;
        }

        return safe;
    }

    /// <summary>Runs <paramref name="ticks"/> ticks writing <see cref="Running"/> outputs; the trips of <paramref name="rule"/> they raised.</summary>
    public List<Trip> TripsOver(int ticks, string rule)
    {
        var trips = new List<Trip>();
        for (var i = 0; i < ticks; i++)
        {
            Step(Running());
            trips.AddRange(Context.Trips.Where(t => t.Rule == rule));
        }

        return trips;
    }

    /// <summary>
    /// Ticks, writing what <paramref name="outputs"/> makes (or nothing), until <paramref name="rule"/> trips; returns how
    /// many ticks before the one that tripped it took.
    /// </summary>
    public int TicksUntilTrip(string rule, int maxTicks, Func<ActuatorFrame>? outputs = null)
    {
        for (var i = 0; i < maxTicks; i++)
        {
            Step(outputs?.Invoke());
            if (Context.Trips.Any(t => t.Rule == rule))
            {
                return i;
            }
        }

        throw new Xunit.Sdk.XunitException($"{rule} did not trip within {maxTicks} ticks");
    }

    /// <summary>
    /// Evaluates <paramref name="rule"/> alone, outside the supervisor, at <paramref name="timeS"/> (exact times put a
    /// rule's boundaries to the test where tick arithmetic would round). Nothing latches and nothing clears
    /// <see cref="SafetyContext.Trips"/>: the trips of every call accumulate there.
    /// </summary>
    public void Judge(SafetyRule rule, double timeS)
    {
        Context.TimeS = timeS;
        rule.Evaluate(Context);
    }

    /// <summary>Outputs of a session in full swing: power on, both pads heating, both motors running.</summary>
    public ActuatorFrame Running()
    {
        var o = Shape.CreateActuatorFrame();
        o.MasterEnable = true;
        for (var i = 0; i < o.Pads.Length; i++)
        {
            o.Pads[i] = new PadOutput { Enabled = true, Drive = 0.5 };
        }

        for (var i = 0; i < o.Vibration.Length; i++)
        {
            o.Vibration[i] = new VibrationOutput { FrequencyHz = 120, Amplitude = 0.4 };
        }

        return o;
    }
}
