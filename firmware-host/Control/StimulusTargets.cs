namespace AmpsDevice.FirmwareHost.Control;

/// <summary>
/// What the session asks of each channel in this tick; the controllers turn it into outputs.
/// Allocated once, updated in place by the session engine on the control thread.
/// </summary>
public sealed class StimulusTargets
{
    public StimulusTargets(int pads, int vibrationChannels, int pressureChannels)
    {
        Pads = new PadTarget[pads];
        Vibration = new VibrationTarget[vibrationChannels];
        Pressure = new PressureTarget[pressureChannels];
    }

    /// <summary>Actuator power is wanted (a session is running or returning pads to neutral).</summary>
    public bool PowerOn { get; set; }

    public PadTarget[] Pads { get; }

    public VibrationTarget[] Vibration { get; }

    public PressureTarget[] Pressure { get; }

    /// <summary>Everything off and unpowered.</summary>
    public void Clear()
    {
        PowerOn = false;
        Pads.AsSpan().Clear();
        Vibration.AsSpan().Clear();
        Pressure.AsSpan().Clear();
    }
}

public struct PadTarget
{
    /// <summary>The pad is under temperature control; false leaves its bridge disabled.</summary>
    public bool Active;

    /// <summary>Where the setpoint is heading, °C.</summary>
    public double TargetC;

    /// <summary>How fast the setpoint moves toward the target, °C/s.</summary>
    public double RampCPerS;
}

public struct VibrationTarget
{
    public double FrequencyHz;

    /// <summary>0..1 right now (a pulsed pattern is already applied).</summary>
    public double Amplitude;
}

public struct PressureTarget
{
    public bool Guided;
    public double TargetN;
    public double ToleranceN;
}
