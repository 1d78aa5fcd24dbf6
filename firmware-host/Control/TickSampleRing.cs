using AmpsDevice.FirmwareHost.Hardware;
using AmpsDevice.FirmwareHost.Safety;

namespace AmpsDevice.FirmwareHost.Control;

/// <summary>
/// Single-producer, single-consumer ring of tick samples (for telemetry and for the session records) in flat preallocated arrays. The control
/// thread (producer) writes a slot and publishes it with a release store of the head; the publisher
/// (consumer) reads up to the head and frees slots with a release store of the tail. No lock, no
/// allocation. When full the producer drops the sample and counts it: the control loop never waits.
/// </summary>
public sealed class TickSampleRing
{
    private readonly double[] _time;
    private readonly bool[] _safe;
    private const int PadFields = 4;
    private readonly double[] _pads;      // per slot: pads × (measuredC, safetyC, drive, targetC)
    private readonly double[] _vib;       // per slot: vib × (frequencyHz, amplitude)
    private readonly double[] _pressure;  // per slot: pressure × forceN
    private readonly long[] _wallTicks;   // per slot: UTC ticks of the sample
    private readonly long[] _sinceDue;    // per slot: how long after its tick was due the sample was stamped (TimeSpan ticks)
    private long _head;                   // next slot to write (producer-owned)
    private long _tail;                   // next slot to read (consumer-owned)
    private long _dropped;

    public TickSampleRing(DeviceShape shape, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        Shape = shape;
        Capacity = capacity;
        PadCount = shape.Pads.Count;
        VibCount = shape.Vibration.Count;
        PressureCount = shape.Pressure.Count;
        _time = new double[capacity];
        _safe = new bool[capacity];
        _wallTicks = new long[capacity];
        _sinceDue = new long[capacity];
        _pads = new double[capacity * PadCount * PadFields];
        _vib = new double[capacity * VibCount * 2];
        _pressure = new double[capacity * PressureCount];
    }

    public DeviceShape Shape { get; }

    public int Capacity { get; }

    public int PadCount { get; }

    public int VibCount { get; }

    public int PressureCount { get; }

    /// <summary>Samples dropped because the ring was full.</summary>
    public long Dropped => Volatile.Read(ref _dropped);

    /// <summary>Samples ready to read.</summary>
    public int Count => (int)(Volatile.Read(ref _head) - Volatile.Read(ref _tail));

    /// <summary>
    /// Producer only: copies one tick into the next slot. Returns false (and counts) when full. A pad's target is
    /// its controller's setpoint in <paramref name="intent"/> while under control, NaN otherwise (or without intent).
    /// <paramref name="sinceDueTicks"/> is how long after the moment its tick was scheduled for the sample was stamped
    /// with <paramref name="wallTicks"/> (TimeSpan ticks).
    /// </summary>
    public bool TryWrite(SensorFrame sensors, ActuatorFrame outputs, double timeS, bool safe, long wallTicks, ControlIntent? intent = null,
        long sinceDueTicks = 0)
    {
        var head = _head;
        if (head - Volatile.Read(ref _tail) >= Capacity)
        {
            Interlocked.Increment(ref _dropped);
            return false;
        }

        var slot = (int)(head % Capacity);
        _time[slot] = timeS;
        _safe[slot] = safe;
        _wallTicks[slot] = wallTicks;
        _sinceDue[slot] = sinceDueTicks;

        var pads = _pads.AsSpan(slot * PadCount * PadFields, PadCount * PadFields);
        var sensorPads = sensors.Pads;
        var outPads = outputs.Pads;
        var padIntent = intent?.Pads;
        for (var i = 0; i < PadCount; i++)
        {
            var at = i * PadFields;
            pads[at] = i < sensorPads.Length ? Reading(sensorPads[i].ControlC) : double.NaN;
            pads[at + 1] = i < sensorPads.Length ? Reading(sensorPads[i].SafetyC) : double.NaN;
            pads[at + 2] = i < outPads.Length && outPads[i].Enabled ? outPads[i].Drive : 0;
            pads[at + 3] = padIntent is not null && i < padIntent.Length && padIntent[i].Active ? padIntent[i].SetpointC : double.NaN;
        }

        var vib = _vib.AsSpan(slot * VibCount * 2, VibCount * 2);
        var outVib = outputs.Vibration;
        for (var i = 0; i < VibCount; i++)
        {
            vib[i * 2] = i < outVib.Length ? outVib[i].FrequencyHz : 0;
            vib[(i * 2) + 1] = i < outVib.Length ? outVib[i].Amplitude : 0;
        }

        var pressure = _pressure.AsSpan(slot * PressureCount, PressureCount);
        var sensorPressure = sensors.Pressure;
        for (var i = 0; i < PressureCount; i++)
        {
            pressure[i] = i < sensorPressure.Length ? Reading(sensorPressure[i].ForceN) : double.NaN;
        }

        Volatile.Write(ref _head, head + 1);
        return true;
    }

    /// <summary>
    /// A sensor's value, or NaN (sent as null, recorded as "no reading") when it has none: before its first
    /// conversion the value is 0, and while it is lost it is the last good one. Neither is a reading.
    /// </summary>
    private static double Reading(in SensorValue value) => value.Ok ? value.Value : double.NaN;

    /// <summary>Consumer only: the <paramref name="index"/>-th readable sample (0 = oldest).</summary>
    public SampleView Peek(int index)
    {
        var slot = (int)((_tail + index) % Capacity);
        return new SampleView(this, slot);
    }

    /// <summary>Consumer only: frees the <paramref name="count"/> oldest samples.</summary>
    public void Advance(int count) => Volatile.Write(ref _tail, _tail + count);

    /// <summary>A read-only view of one slot.</summary>
    public readonly struct SampleView
    {
        private readonly TickSampleRing _ring;
        private readonly int _slot;

        internal SampleView(TickSampleRing ring, int slot)
        {
            _ring = ring;
            _slot = slot;
        }

        public double TimeS => _ring._time[_slot];

        public bool Safe => _ring._safe[_slot];

        public DateTimeOffset WallClock => new(_ring._wallTicks[_slot], TimeSpan.Zero);

        /// <summary>
        /// The moment the sample's tick was scheduled for, by the wall clock: <see cref="WallClock"/> less how long after
        /// that moment it was stamped. The loop's next ticks keep to that schedule, so the next samples are due from it.
        /// </summary>
        public DateTimeOffset ScheduledWallClock => new(_ring._wallTicks[_slot] - _ring._sinceDue[_slot], TimeSpan.Zero);

        public double PadMeasuredC(int pad) => _ring._pads[PadAt(pad)];

        public double PadSafetyC(int pad) => _ring._pads[PadAt(pad) + 1];

        public double PadDrive(int pad) => _ring._pads[PadAt(pad) + 2];

        /// <summary>The pad controller's setpoint, °C; NaN when the pad had no target.</summary>
        public double PadTargetC(int pad) => _ring._pads[PadAt(pad) + 3];

        private int PadAt(int pad) => ((_slot * _ring.PadCount) + pad) * PadFields;

        public double VibFrequencyHz(int vib) => _ring._vib[(_slot * _ring.VibCount * 2) + (vib * 2)];

        public double VibAmplitude(int vib) => _ring._vib[(_slot * _ring.VibCount * 2) + (vib * 2) + 1];

        public double PressureForceN(int channel) => _ring._pressure[(_slot * _ring.PressureCount) + channel];
    }
}
