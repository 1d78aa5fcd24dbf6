namespace AmpsDevice.FirmwareHost.Hardware;

/// <summary>
/// Applies an <see cref="ActuatorFrame"/> to the opened outputs, writing only what changed since the last
/// write (the master enable and the H-bridge enables are refreshed every call). Going off, the rail is
/// cut first; going on, it is switched last; then, when everything was written, the heartbeat toggles.
/// Allocates nothing.
/// </summary>
internal sealed class ActuatorWriter
{
    private const int Unknown = -1;

    private readonly OpenedDevices _devices;

    // Last values written (NaN / Unknown = write next time).
    private readonly double[] _padDuty;
    private readonly int[] _padHeating;
    private readonly double[] _vibAmplitude;
    private readonly int[] _vibFrequency;
    private int _statusLedState = Unknown;
    private int _buzzerState = Unknown;

    /// <param name="devices">Opened; the tactors run at <paramref name="tactorFrequencyHz"/>.</param>
    /// <param name="tactorFrequencyHz">The frequency the tactors were opened at.</param>
    public ActuatorWriter(OpenedDevices devices, int tactorFrequencyHz)
    {
        _devices = devices;
        _padDuty = new double[devices.Bridges.Length];
        _padHeating = new int[devices.Bridges.Length];
        _vibAmplitude = new double[devices.Tactors.Length];
        _vibFrequency = new int[devices.Tactors.Length];
        Invalidate();
        Array.Fill(_vibFrequency, tactorFrequencyHz);
    }

    /// <returns>The number of outputs that failed to write (0 when all succeeded).</returns>
    public int Write(ActuatorFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var failures = 0;

        // Going off: cut the rail first. Going on: everything else first, the rail last.
        if (!frame.MasterEnable)
        {
            failures += TryOutput(_devices.Master, false);
        }

        for (var i = 0; i < _devices.Bridges.Length; i++)
        {
            var pad = frame.Pads[i];
            var bridge = _devices.Bridges[i]!;
            var drive = double.IsNaN(pad.Drive) ? 0 : Math.Clamp(pad.Drive, -1, 1);
            if (!pad.Enabled)
            {
                failures += TryEnable(bridge, false);
            }

            var heating = drive > 0 ? 1 : drive < 0 ? 0 : _padHeating[i];
            if (heating != _padHeating[i] || (heating == Unknown && drive == 0))
            {
                heating = heating == Unknown ? 0 : heating;
                try
                {
                    bridge.SetHeating(heating == 1);
                    _padHeating[i] = heating;
                }
                catch (Exception)
                {
                    _padHeating[i] = Unknown;
                    failures++;
                }
            }

            var duty = Math.Abs(drive);
            if (!(duty == _padDuty[i]))
            {
                try
                {
                    bridge.SetDutyCycle(duty);
                    _padDuty[i] = duty;
                }
                catch (Exception)
                {
                    _padDuty[i] = double.NaN;
                    failures++;
                }
            }

            if (pad.Enabled)
            {
                failures += TryEnable(bridge, true);
            }
        }

        for (var i = 0; i < _devices.Tactors.Length; i++)
        {
            var vib = frame.Vibration[i];
            var amplitude = vib.Amplitude > 0 ? Math.Min(vib.Amplitude, 1) : 0;
            if (vib.FrequencyHz > 0)
            {
                // The control loop has put the frequency inside the band in force; the hardware writes what it decided.
                var frequency = (int)Math.Round(vib.FrequencyHz);
                if (frequency != _vibFrequency[i])
                {
                    try
                    {
                        _devices.Tactors[i]!.SetFrequency(frequency);
                        _vibFrequency[i] = frequency;
                    }
                    catch (Exception)
                    {
                        _vibFrequency[i] = Unknown;
                        failures++;
                    }
                }
            }

            if (!(amplitude == _vibAmplitude[i]))
            {
                try
                {
                    _devices.Tactors[i]!.SetAmplitude(amplitude);
                    _vibAmplitude[i] = amplitude;
                }
                catch (Exception)
                {
                    _vibAmplitude[i] = double.NaN;
                    failures++;
                }
            }
        }

        failures += TryIndicator(_devices.StatusLed!, frame.StatusLed, ref _statusLedState);
        failures += TryIndicator(_devices.Buzzer!, frame.Buzzer, ref _buzzerState);

        if (frame.MasterEnable)
        {
            failures += TryOutput(_devices.Master, true);
        }

        // Last, and only when every output was written: the edge that tells the heartbeat circuit this tick completed.
        if (failures == 0)
        {
            failures += TryToggle(_devices.Heartbeat);
        }

        return failures;
    }

    /// <summary>Forgets every value written: the next <see cref="Write"/> writes every output.</summary>
    public void Invalidate()
    {
        Array.Fill(_padDuty, double.NaN);
        Array.Fill(_padHeating, Unknown);
        Array.Fill(_vibAmplitude, double.NaN);
        Array.Fill(_vibFrequency, Unknown);
        _statusLedState = Unknown;
        _buzzerState = Unknown;
    }

    private static int TryOutput(DigitalOutput? output, bool on)
    {
        if (output is null)
        {
            return 0;
        }

        try
        {
            output.Set(on);
            return 0;
        }
        catch (Exception)
        {
            return 1;
        }
    }

    private static int TryToggle(Heartbeat? heartbeat)
    {
        if (heartbeat is null)
        {
            return 0;
        }

        try
        {
            heartbeat.Toggle();
            return 0;
        }
        catch (Exception)
        {
            return 1;
        }
    }

    private static int TryEnable(HBridge bridge, bool enabled)
    {
        try
        {
            bridge.SetEnabled(enabled);
            return 0;
        }
        catch (Exception)
        {
            return 1;
        }
    }

    private static int TryIndicator(DigitalOutput output, bool on, ref int state)
    {
        var wanted = on ? 1 : 0;
        if (wanted == state)
        {
            return 0;
        }

        try
        {
            output.Set(on);
            state = wanted;
            return 0;
        }
        catch (Exception)
        {
            state = Unknown;
            return 1;
        }
    }
}
