using AmpsDevice.FirmwareHost.Control;
using AmpsDevice.FirmwareHost.Hardware;
using AmpsDevice.FirmwareHost.Safety;
using AmpsDevice.Protocol.Envelope;
using AmpsDevice.Simulator.Time;

namespace AmpsDevice.Control.Tests.Control;

/// <summary>
/// One <see cref="ControlLoop"/> over hand-made readings, in virtual time, with a supervisor whose one rule trips when
/// the test says so, and targets the test sets: every tick's evidence, targets and written outputs are the test's to
/// choose and to read. Fast (no physics), so the loop's own arithmetic can be checked tick by tick.
/// </summary>
internal sealed class LoopBench
{
    /// <param name="time">The loop's time base: virtual time that only <see cref="Step"/> moves, by default.</param>
    public LoopBench(ControlLoopOptions? options = null, LimitSet? limits = null, TimeProvider? time = null)
    {
        Options = options ?? new ControlLoopOptions();
        Time = time ?? Clock;
        var period = 1.0 / Options.TickRateHz;
        Io = new ScriptedIo(Clock);
        Alarms = new AlarmBook();
        Supervisor = new SafetySupervisor([Rule], Alarms, Time);
        Context = new SafetyContext(Io.Shape, limits ?? LimitSet.Absolute, period, Alarms);
        Loop = new ControlLoop(Io, Supervisor, Context, Source, [], Time, Options);
    }

    public VirtualTimeProvider Clock { get; } = new();

    /// <summary>The loop's time base.</summary>
    public TimeProvider Time { get; }

    public ControlLoopOptions Options { get; }

    public ScriptedIo Io { get; }

    public ScriptedRule Rule { get; } = new();

    public ScriptedSource Source { get; } = new();

    public AlarmBook Alarms { get; }

    public SafetySupervisor Supervisor { get; }

    public SafetyContext Context { get; }

    public ControlLoop Loop { get; }

    /// <summary>Starts the loop and ticks it through the warm-up, to the first tick that is judged.</summary>
    public LoopBench Started()
    {
        Loop.Start();
        while (Loop.TimeS < ControlLoop.WarmUpS)
        {
            Step();
        }

        return this;
    }

    /// <summary>Advances the clock by <paramref name="periods"/> nominal periods and ticks once.</summary>
    public void Step(double periods = 1)
    {
        Clock.Advance(TimeSpan.FromTicks((long)Math.Round(Loop.PeriodTimestampTicks * periods)));
        Loop.Tick();
    }

    public static SensorValue Good(double value) => new() { Value = value, Ok = true, Fresh = true };

    public static SensorValue Failed(double lastValue) => new() { Value = lastValue, Ok = false };

    /// <summary>Hardware of two pads, two vibration channels and two pressure channels whose readings the test sets.</summary>
    internal sealed class ScriptedIo(VirtualTimeProvider clock) : IDeviceIo
    {
        public DeviceShape Shape { get; } = new(["pad1", "pad2"], ["vib1", "vib2"], ["pressure1", "pressure2"]);

        /// <summary>Copied into the loop's frame by every read.</summary>
        public SensorFrame Next { get; } = new(2, 2, 2);

        /// <summary>What each read, write and drive-safe was, in order: "read", "write", "safe".</summary>
        public List<string> Calls { get; } = [];

        /// <summary>A copy of each frame written.</summary>
        public List<ActuatorFrame> Written { get; } = [];

        /// <summary>The number of failed outputs the next write reports (then 0 again).</summary>
        public int FailNextWrite { get; set; }

        /// <summary>How long each write takes on the clock.</summary>
        public TimeSpan WriteTakes { get; set; }

        /// <summary>Thrown by the next read, when set.</summary>
        public Exception? ThrowOnRead { get; set; }

        public int DriveSafeCount => CallsNow().Count(c => c == "safe");

        /// <summary>A copy of <see cref="Calls"/>, safe to take while another thread ticks the loop.</summary>
        public string[] CallsNow()
        {
            lock (Calls)
            {
                return [.. Calls];
            }
        }

        public void Read(SensorFrame frame)
        {
            lock (Calls)
            {
                Calls.Add("read");
            }

            if (ThrowOnRead is { } ex)
            {
                throw ex;
            }

            Next.Pads.AsSpan().CopyTo(frame.Pads);
            Next.Vibration.AsSpan().CopyTo(frame.Vibration);
            Next.Pressure.AsSpan().CopyTo(frame.Pressure);
        }

        public int Write(ActuatorFrame frame)
        {
            var copy = new ActuatorFrame(frame.Pads.Length, frame.Vibration.Length)
            {
                MasterEnable = frame.MasterEnable,
                StatusLed = frame.StatusLed,
                Buzzer = frame.Buzzer,
            };
            frame.Pads.AsSpan().CopyTo(copy.Pads);
            frame.Vibration.AsSpan().CopyTo(copy.Vibration);
            lock (Calls)
            {
                Calls.Add("write");
                Written.Add(copy);
            }

            if (WriteTakes > TimeSpan.Zero)
            {
                clock.Advance(WriteTakes);
            }

            var failures = FailNextWrite;
            FailNextWrite = 0;
            return failures;
        }

        public void DriveSafe()
        {
            lock (Calls)
            {
                Calls.Add("safe");
            }
        }

        public void Dispose()
        {
        }
    }

    /// <summary>A rule that trips when the test sets <see cref="TripNow"/>, and notes the evidence of every tick it judges.</summary>
    internal sealed class ScriptedRule() : SafetyRule("scripted", AlarmPriority.High)
    {
        public bool TripNow { get; set; }

        /// <summary>Each judged tick's evidence as the rule saw it.</summary>
        public List<Seen> Judged { get; } = [];

        public override void Evaluate(SafetyContext context)
        {
            Judged.Add(new Seen(context.TimeS, context.TickNumber, context.MissedTicks, context.LastWriteFailures,
                context.LastOutputs.MasterEnable, context.LastOutputs.StatusLed, context.LastOutputs.Pads[0], context.LastOutputs.Vibration[0]));
            if (TripNow)
            {
                context.Trip(this, "", "tripped by the test");
            }
        }

        internal readonly record struct Seen(double TimeS, long TickNumber, int MissedTicks, int LastWriteFailures,
            bool LastMasterEnable, bool LastStatusLed, PadOutput LastPad1, VibrationOutput LastVib1);
    }

    /// <summary>Targets set by the test, and what the loop told the source when it asked for them.</summary>
    internal sealed class ScriptedSource : IStimulusSource
    {
        public bool PowerOn { get; set; }

        public PadTarget Pad1 { get; set; }

        public PadTarget Pad2 { get; set; }

        public VibrationTarget Vib1 { get; set; }

        public VibrationTarget Vib2 { get; set; }

        public PressureTarget Pressure1 { get; set; }

        public PressureTarget Pressure2 { get; set; }

        /// <summary>Each call's filtered forces, N.</summary>
        public List<double[]> Forces { get; } = [];

        /// <summary>Each call: whether the supervisor already held the outputs safe.</summary>
        public List<bool> SawHoldSafe { get; } = [];

        public void Update(SafetyContext safety, SafetySupervisor supervisor, ReadOnlySpan<double> filteredForceN, StimulusTargets targets)
        {
            Forces.Add(filteredForceN.ToArray());
            SawHoldSafe.Add(supervisor.HoldSafe);
            targets.PowerOn = PowerOn;
            targets.Pads[0] = Pad1;
            targets.Pads[1] = Pad2;
            targets.Vibration[0] = Vib1;
            targets.Vibration[1] = Vib2;
            targets.Pressure[0] = Pressure1;
            targets.Pressure[1] = Pressure2;
        }
    }
}
