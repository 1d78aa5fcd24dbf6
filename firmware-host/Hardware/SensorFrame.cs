namespace AmpsDevice.FirmwareHost.Hardware;

/// <summary>
/// Everything the control tick reads from the hardware, filled in place by <see cref="IDeviceIo.Read"/>.
/// Allocated once for the device's shape and reused every tick (the tick allocates nothing).
/// A reading that failed keeps its last value with <c>Ok = false</c>; a reading that succeeded but
/// carries no new conversion since the last tick has <c>Fresh = false</c>.
/// </summary>
public sealed class SensorFrame
{
    public SensorFrame(int pads, int vibrationChannels, int pressureChannels)
    {
        Pads = new PadReading[pads];
        Vibration = new VibrationReading[vibrationChannels];
        Pressure = new PressureReading[pressureChannels];
    }

    /// <summary><see cref="TimeProvider.GetTimestamp"/> at the start of the read.</summary>
    public long Timestamp { get; set; }

    public PadReading[] Pads { get; }

    public VibrationReading[] Vibration { get; }

    public PressureReading[] Pressure { get; }

    /// <summary>The E-stop is pressed, or its loop is broken (the input fails active).</summary>
    public bool EStopActive { get; set; }

    /// <summary>The patient's hand-held stop button is pressed, or its cable is out (fails active).</summary>
    public bool PatientStopActive { get; set; }

    /// <summary>
    /// K1's mirror contact is open (GPIO12 high): a main pole of the rail contactor is closed, or the line is broken
    /// (it fails toward "closed", the state that must be explained).
    /// </summary>
    public bool RailContactorClosed { get; set; }

    /// <summary>The local start/confirm button is pressed.</summary>
    public bool StartButtonPressed { get; set; }

    /// <summary>GPIO inputs could not be read this tick.</summary>
    public bool InputsFailed { get; set; }

    /// <summary>The number of I2C transfers that failed this tick on any bus.</summary>
    public int FailedTransfers { get; set; }

    /// <summary>Set when at least one transfer failed this tick: the device that failed first, for the alarm text.</summary>
    public string? FirstFailure { get; set; }
}

/// <summary>One quantity read from one sensor.</summary>
public struct SensorValue
{
    /// <summary>The value in the quantity's unit (°C, N, A); the last good one when <see cref="Ok"/> is false.</summary>
    public double Value;

    /// <summary>The read succeeded this tick.</summary>
    public bool Ok;

    /// <summary>The read carried a new conversion (not the previous one repeated).</summary>
    public bool Fresh;

    /// <summary>Consecutive ticks without a fresh reading (0 when fresh).</summary>
    public int TicksSinceFresh;
}

/// <summary>A pad's two independent temperature sensors.</summary>
public struct PadReading
{
    /// <summary>The control sensor (digital, on the pad's surface), °C.</summary>
    public SensorValue ControlC;

    /// <summary>The independent safety sensor (NTC on a separate ADC and bus), °C.</summary>
    public SensorValue SafetyC;
}

/// <summary>A vibration channel's drive current, the evidence that a motor runs.</summary>
public struct VibrationReading
{
    /// <summary>Tactor drive current, A (average over the PWM period).</summary>
    public SensorValue CurrentA;
}

/// <summary>A pressure channel's force.</summary>
public struct PressureReading
{
    /// <summary>Force on the sensor, N (calibrated).</summary>
    public SensorValue ForceN;
}
