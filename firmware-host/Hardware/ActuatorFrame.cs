namespace AmpsDevice.FirmwareHost.Hardware;

/// <summary>
/// Every output the control tick writes, as one frame. Allocated once and reused. The safety
/// supervisor has the final say: it clears the frame to <see cref="SetSafe"/> when any rule trips,
/// before <see cref="IDeviceIo.Write"/> sees it.
/// </summary>
public sealed class ActuatorFrame
{
    public ActuatorFrame(int pads, int vibrationChannels)
    {
        Pads = new PadOutput[pads];
        Vibration = new VibrationOutput[vibrationChannels];
    }

    /// <summary>The master power-enable that gates all actuator power (active high, pulled down).</summary>
    public bool MasterEnable { get; set; }

    public PadOutput[] Pads { get; }

    public VibrationOutput[] Vibration { get; }

    /// <summary>The status LED is lit.</summary>
    public bool StatusLed { get; set; }

    /// <summary>The buzzer sounds.</summary>
    public bool Buzzer { get; set; }

    /// <summary>True when every actuator is in its safe state (indicators may still be on).</summary>
    public bool IsSafe
    {
        get
        {
            if (MasterEnable)
            {
                return false;
            }

            foreach (ref readonly var pad in Pads.AsSpan())
            {
                if (pad.Enabled || pad.Drive != 0)
                {
                    return false;
                }
            }

            foreach (ref readonly var vib in Vibration.AsSpan())
            {
                if (vib.Amplitude != 0)
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>H-bridges disabled (not reversed), motors off, master enable low. Indicators untouched.</summary>
    public void SetSafe()
    {
        MasterEnable = false;
        Pads.AsSpan().Clear();
        foreach (ref var vib in Vibration.AsSpan())
        {
            vib.Amplitude = 0;
        }
    }
}

/// <summary>One pad's H-bridge.</summary>
public struct PadOutput
{
    /// <summary>The H-bridge is enabled (out of sleep). False means its outputs float: no current.</summary>
    public bool Enabled;

    /// <summary>-1 full cooling .. +1 full heat.</summary>
    public double Drive;
}

/// <summary>One vibration channel.</summary>
public struct VibrationOutput
{
    /// <summary>Vibration frequency, Hz (kept while the amplitude is 0 so the PWM is not reconfigured needlessly).</summary>
    public double FrequencyHz;

    /// <summary>0..1 of the channel's calibrated maximum.</summary>
    public double Amplitude;
}
