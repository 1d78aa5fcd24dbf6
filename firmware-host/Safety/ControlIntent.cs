namespace AmpsDevice.FirmwareHost.Safety;

/// <summary>
/// The control layer's intent per channel, which some rules compare with the evidence. Written by the stimulus
/// source after the supervisor judged a tick, so the rules of the next tick read what the outputs they see were
/// driven for; the supervisor never acts on an intent it has not judged against a reading.
/// </summary>
public sealed class ControlIntent
{
    public ControlIntent(int pads, int vibrationChannels, int pressureChannels)
    {
        Pads = new PadIntent[pads];
        Vibration = new VibrationIntent[vibrationChannels];
        Pressure = new PressureIntent[pressureChannels];
    }

    public PadIntent[] Pads { get; }

    public VibrationIntent[] Vibration { get; }

    public PressureIntent[] Pressure { get; }

    /// <summary>A stimulus (any pad away from neutral, vibration, guided pressure) is being delivered.</summary>
    public bool StimulusActive { get; set; }
}

public struct PadIntent
{
    /// <summary>The pad is under closed-loop control this tick.</summary>
    public bool Active;

    /// <summary>The (ramping) setpoint, °C.</summary>
    public double SetpointC;

    /// <summary>The setpoint has reached its target and holds it.</summary>
    public bool Holding;
}

public struct VibrationIntent
{
    /// <summary>Amplitude the session asks for, 0..1.</summary>
    public double Amplitude;
}

public struct PressureIntent
{
    /// <summary>A guided-pressure step is running on this channel.</summary>
    public bool Guided;

    /// <summary>Its target force, N.</summary>
    public double TargetN;
}
