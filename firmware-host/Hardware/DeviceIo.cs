using System.Device.Gpio;
using AmpsDevice.FirmwareHost.Hardware.Chips.Ads1115;
using AmpsDevice.FirmwareHost.Hardware.Chips.Pca9685;
using AmpsDevice.FirmwareHost.Hardware.Chips.Tmp117;
using Microsoft.Extensions.Options;

namespace AmpsDevice.FirmwareHost.Hardware;

/// <summary>
/// <see cref="IDeviceIo"/> on the real drivers: opens every bus, chip and line named by
/// <see cref="HardwareOptions"/> through an <see cref="IHardwareFactory"/> (the Pi's or the
/// simulator's), driving every output safe before anything else is configured.
/// Read and Write allocate nothing in steady state.
/// </summary>
public sealed class DeviceIo : IDeviceIo
{
    /// <summary>Frequency the tactor PWM channels are opened at, Hz (within 20..300; duty 0).</summary>
    public const int InitialTactorFrequencyHz = 250;

    private const int Unknown = -1;

    private readonly TimeProvider _time;
    private readonly List<IDisposable> _owned = [];
    private readonly GpioController _gpio;
    private readonly DigitalOutput _master;
    private readonly DigitalOutput? _statusLed;
    private readonly DigitalOutput? _buzzer;
    private readonly FailActiveInput? _eStop;
    private readonly FailActiveInput? _patientStop;
    private readonly ActiveLowButton? _startButton;
    private readonly Pca9685? _pwm;
    private readonly HBridge[] _bridges;
    private readonly Tactor[] _tactors;
    private readonly Tmp117[] _controlSensors;
    private readonly string[] _controlSensorNames;
    private readonly string[] _controlSensorNotConverted;
    private readonly AdcScan? _safetyAdc;
    private readonly AdcScan? _forceAdc;
    private readonly string _pwmName;
    private readonly string _gpioName = "GPIO inputs";

    // Last values written (NaN / Unknown = write next time).
    private readonly double[] _padDuty;
    private readonly int[] _padHeating;
    private readonly double[] _vibAmplitude;
    private readonly int[] _vibFrequency;
    private int _statusLedState = Unknown;
    private int _buzzerState = Unknown;
    private bool _disposed;

    /// <param name="options">The device map (validated here too).</param>
    /// <param name="factory">Where buses and lines come from: the Pi or the simulator.</param>
    /// <param name="time">Stamps each <see cref="SensorFrame"/>; the system clock by default.</param>
    /// <exception cref="OptionsValidationException">The map is invalid.</exception>
    /// <exception cref="DeviceIoException">A device is missing or answers wrongly; every output opened so far was driven safe and released.</exception>
    public DeviceIo(HardwareOptions options, IHardwareFactory factory, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(factory);
        var errors = HardwareOptionsValidator.Check(options);
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(HardwareOptions.SectionName, typeof(HardwareOptions), errors);
        }

        _time = time ?? TimeProvider.System;
        var pads = options.Pads.Count;
        var vibs = options.Vibration.Count;
        Shape = new DeviceShape(
            Enumerable.Range(1, pads).Select(i => $"pad{i}").ToArray(),
            Enumerable.Range(1, vibs).Select(i => $"vib{i}").ToArray(),
            Enumerable.Range(1, options.Pressure.Count).Select(i => $"pressure{i}").ToArray());
        Options = options;
        _bridges = new HBridge[pads];
        _tactors = new Tactor[vibs];
        _controlSensors = new Tmp117[pads];
        _controlSensorNames = new string[pads];
        _controlSensorNotConverted = new string[pads];
        _padDuty = new double[pads];
        _padHeating = new int[pads];
        _vibAmplitude = new double[vibs];
        _vibFrequency = new int[vibs];
        _pwmName = $"PCA9685 @ i2c-{options.MainI2cBus} 0x{options.PwmControllerAddress:X2}";
        InvalidateOutputs();

        var step = "GPIO";
        try
        {
            // 1. Outputs safe, before anything else: master enable low, bridges asleep, PWM off, tactors off.
            _gpio = Own(factory.OpenGpio());
            step = $"master enable (GPIO{options.MasterEnablePin})";
            _master = new DigitalOutput(_gpio, options.MasterEnablePin);
            for (var i = 0; i < pads; i++)
            {
                var pad = options.Pads[i];
                step = $"pad{i + 1} H-bridge lines (GPIO{pad.EnablePin} enable, GPIO{pad.DirectionPin} direction)";
                HBridge.OpenLinesDisabled(_gpio, pad.DirectionPin, pad.EnablePin);
            }

            step = _pwmName;
            _pwm = Own(new Pca9685(factory.OpenI2c(options.MainI2cBus, options.PwmControllerAddress), _pwmName));
            _pwm.SetAllOff();
            for (var i = 0; i < pads; i++)
            {
                var pad = options.Pads[i];
                _bridges[i] = new HBridge(_pwm, pad.BridgePwmChannel, _gpio, pad.DirectionPin, pad.EnablePin);
            }

            for (var i = 0; i < vibs; i++)
            {
                var vib = options.Vibration[i];
                step = $"vib{i + 1} (pwmchip{vib.PwmChip} channel {vib.PwmChannel})";
                _tactors[i] = Own(new Tactor(factory.OpenPwm(vib.PwmChip, vib.PwmChannel, InitialTactorFrequencyHz, 0)));
                _tactors[i].Off();
                _vibFrequency[i] = InitialTactorFrequencyHz;
            }

            step = $"status LED (GPIO{options.StatusLedPin})";
            _statusLed = new DigitalOutput(_gpio, options.StatusLedPin);
            step = $"buzzer (GPIO{options.BuzzerPin})";
            _buzzer = new DigitalOutput(_gpio, options.BuzzerPin);

            // 2. Inputs.
            step = $"E-stop input (GPIO{options.EStopPin})";
            _eStop = new FailActiveInput(_gpio, options.EStopPin);
            step = $"patient stop input (GPIO{options.PatientStopPin})";
            _patientStop = new FailActiveInput(_gpio, options.PatientStopPin);
            step = $"start button (GPIO{options.StartButtonPin})";
            _startButton = new ActiveLowButton(_gpio, options.StartButtonPin);

            // 3. Configure: bridge PWM frequency (all channels stay full-off), sensors.
            step = _pwmName;
            _pwm.Initialize(options.BridgePwmFrequencyHz);
            for (var i = 0; i < pads; i++)
            {
                var address = options.Pads[i].ControlSensorAddress;
                var name = $"pad{i + 1}.control (TMP117 @ i2c-{options.MainI2cBus} 0x{address:X2})";
                step = name;
                _controlSensorNames[i] = name;
                _controlSensorNotConverted[i] = $"{name}: no conversion since it was configured (starting, or the chip reset)";
                _controlSensors[i] = Own(new Tmp117(factory.OpenI2c(options.MainI2cBus, address), name));
                _controlSensors[i].CheckDeviceId();
                // Continuous, no averaging: a new result every 15.5 ms, fresh on every control tick.
                _controlSensors[i].Configure(Tmp117Mode.Continuous, Tmp117Conversion.Cycle15_5ms, Tmp117Averaging.None);
            }

            var safetyName = $"safety ADC (ADS1115 @ i2c-{options.SafetyI2cBus} 0x{options.SafetyAdcAddress:X2})";
            step = safetyName;
            var safetySlots = new List<AdcSlot>();
            for (var i = 0; i < pads; i++)
            {
                safetySlots.Add(new AdcSlot(options.Pads[i].SafetyAdcChannel, SlotKind.PadSafety, i, $"pad{i + 1}.safety (NTC on {safetyName})"));
            }

            for (var i = 0; i < vibs; i++)
            {
                safetySlots.Add(new AdcSlot(options.Vibration[i].CurrentAdcChannel, SlotKind.VibrationCurrent, i, $"vib{i + 1}.current (on {safetyName})"));
            }

            _safetyAdc = new AdcScan(Own(new Ads1115(factory.OpenI2c(options.SafetyI2cBus, options.SafetyAdcAddress), name: safetyName)), safetyName, [.. safetySlots]);
            _safetyAdc.Start();

            var forceName = $"force ADC (ADS1115 @ i2c-{options.MainI2cBus} 0x{options.ForceAdcAddress:X2})";
            step = forceName;
            var forceSlots = new AdcSlot[options.Pressure.Count];
            for (var i = 0; i < forceSlots.Length; i++)
            {
                forceSlots[i] = new AdcSlot(options.Pressure[i].AdcChannel, SlotKind.Pressure, i, $"pressure{i + 1} (FSR on {forceName})");
            }

            _forceAdc = new AdcScan(Own(new Ads1115(factory.OpenI2c(options.MainI2cBus, options.ForceAdcAddress), name: forceName)), forceName, forceSlots);
            _forceAdc.Start();
        }
        catch (Exception ex)
        {
            DriveSafe();
            Dispose();
            if (ex is DeviceIoException)
            {
                throw;
            }

            throw new DeviceIoException(step, ex.Message, ex);
        }
    }

    public DeviceShape Shape { get; }

    /// <summary>The map this device was opened with.</summary>
    public HardwareOptions Options { get; }

    /// <summary>
    /// Ticks between fresh readings of one safety-ADC channel: the ADC converts one channel per
    /// <see cref="Read"/>, round-robin over the pads' NTCs then the tactor currents.
    /// </summary>
    public int SafetyAdcCycleTicks => _safetyAdc?.Length ?? 0;

    /// <summary>Ticks between fresh readings of one pressure channel (round-robin over the FSRs).</summary>
    public int ForceAdcCycleTicks => _forceAdc?.Length ?? 0;

    public void Read(SensorFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ObjectDisposedException.ThrowIf(_disposed, this);
        frame.Timestamp = _time.GetTimestamp();
        frame.FailedTransfers = 0;
        frame.FirstFailure = null;

        for (var i = 0; i < _controlSensors.Length; i++)
        {
            ref var value = ref frame.Pads[i].ControlC;
            try
            {
                var sensor = _controlSensors[i];
                var celsius = sensor.ReadTemperatureC(out var fresh);
                if (!sensor.HasConversion)
                {
                    // The result register holds the power-on −256 °C (or a stale value), not a reading:
                    // no rule may see it as one. Value keeps the last good reading.
                    value.Ok = false;
                    value.Fresh = false;
                    value.TicksSinceFresh++;
                    frame.FirstFailure ??= _controlSensorNotConverted[i];
                    continue;
                }

                value.Value = celsius;
                value.Ok = true;
                value.Fresh = fresh;
                value.TicksSinceFresh = fresh ? 0 : value.TicksSinceFresh + 1;
            }
            catch (DeviceIoException)
            {
                value.Ok = false;
                value.Fresh = false;
                value.TicksSinceFresh++;
                Failed(frame, _controlSensorNames[i]);
            }
        }

        _safetyAdc!.Scan(frame, Options);
        _forceAdc!.Scan(frame, Options);

        try
        {
            frame.EStopActive = _eStop!.IsActive;
            frame.PatientStopActive = _patientStop!.IsActive;
            frame.StartButtonPressed = _startButton!.IsPressed;
            frame.InputsFailed = false;
        }
        catch (Exception)
        {
            // Fail active: an unreadable stop input counts as pressed.
            frame.EStopActive = true;
            frame.PatientStopActive = true;
            frame.StartButtonPressed = false;
            frame.InputsFailed = true;
            frame.FirstFailure ??= _gpioName;
        }
    }

    public int Write(ActuatorFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var failures = 0;

        // Going off: cut the rail first. Going on: everything else first, the rail last.
        if (!frame.MasterEnable)
        {
            failures += TryOutput(_master, false);
        }

        for (var i = 0; i < _bridges.Length; i++)
        {
            var pad = frame.Pads[i];
            var bridge = _bridges[i];
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

        for (var i = 0; i < _tactors.Length; i++)
        {
            var vib = frame.Vibration[i];
            var amplitude = vib.Amplitude > 0 ? Math.Min(vib.Amplitude, 1) : 0;
            if (vib.FrequencyHz > 0)
            {
                var frequency = (int)Math.Round(Math.Clamp(vib.FrequencyHz, Protocol.Envelope.AbsoluteLimits.VibrationMinHz, Protocol.Envelope.AbsoluteLimits.VibrationMaxHz));
                if (frequency != _vibFrequency[i])
                {
                    try
                    {
                        _tactors[i].SetFrequency(frequency);
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
                    _tactors[i].SetAmplitude(amplitude);
                    _vibAmplitude[i] = amplitude;
                }
                catch (Exception)
                {
                    _vibAmplitude[i] = double.NaN;
                    failures++;
                }
            }
        }

        failures += TryIndicator(_statusLed!, frame.StatusLed, ref _statusLedState);
        failures += TryIndicator(_buzzer!, frame.Buzzer, ref _buzzerState);

        if (frame.MasterEnable)
        {
            failures += TryOutput(_master, true);
        }

        return failures;
    }

    public void DriveSafe()
    {
        if (_disposed)
        {
            return;
        }

        // Master enable first: it cuts the actuator rail in hardware whatever the rest does.
        TryOutput(_master, false);
        foreach (var bridge in _bridges)
        {
            if (bridge is not null)
            {
                TryEnable(bridge, false);
            }
        }

        foreach (var bridge in _bridges)
        {
            try
            {
                bridge?.SetDutyCycle(0);
            }
            catch (Exception)
            {
                // Tried; the rail cut and the bridge's SLP line already hold it off.
            }
        }

        try
        {
            _pwm?.SetAllOff();
        }
        catch (Exception)
        {
            // As above.
        }

        foreach (var bridge in _bridges)
        {
            try
            {
                bridge?.SetHeating(false);
            }
            catch (Exception)
            {
                // Direction is irrelevant with the bridge asleep.
            }
        }

        foreach (var tactor in _tactors)
        {
            try
            {
                tactor?.Off();
            }
            catch (Exception)
            {
                // The rail cut stops the tactor too.
            }
        }

        InvalidateOutputs();
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        DriveSafe();
        _disposed = true;
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            try
            {
                _owned[i].Dispose();
            }
            catch (Exception)
            {
                // Released as far as possible; the pull-downs hold every output off.
            }
        }

        _owned.Clear();
    }

    private T Own<T>(T disposable)
        where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    private static void Failed(SensorFrame frame, string device)
    {
        frame.FailedTransfers++;
        frame.FirstFailure ??= device;
    }

    private void InvalidateOutputs()
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

    private enum SlotKind
    {
        PadSafety,
        VibrationCurrent,
        Pressure,
    }

    private sealed record AdcSlot(int Channel, SlotKind Kind, int Index, string Name);

    /// <summary>One ADS1115 converting its channels round-robin, one conversion per tick.</summary>
    private sealed class AdcScan(Ads1115 adc, string name, AdcSlot[] slots)
    {
        private int _slot;
        private bool _needsStart = true;

        public int Length => slots.Length;

        public void Start()
        {
            if (slots.Length > 0)
            {
                adc.StartConversion(slots[0].Channel);
                _needsStart = false;
            }
        }

        public void Scan(SensorFrame frame, HardwareOptions options)
        {
            if (slots.Length == 0)
            {
                return;
            }

            var done = -1;
            var volts = 0.0;
            try
            {
                if (_needsStart)
                {
                    adc.StartConversion(slots[_slot].Channel);
                    _needsStart = false;
                }
                else if (adc.TryReadConversion(out _, out volts))
                {
                    done = _slot;
                    _slot = (_slot + 1) % slots.Length;
                    _needsStart = true;
                    adc.StartConversion(slots[_slot].Channel);
                    _needsStart = false;
                }
            }
            catch (DeviceIoException)
            {
                // The whole ADC is lost this tick: every channel on it is not ok.
                _needsStart = true;
                frame.FailedTransfers++;
                frame.FirstFailure ??= name;
                for (var s = 0; s < slots.Length; s++)
                {
                    ref var lost = ref ValueOf(frame, slots[s]);
                    lost.Ok = false;
                    lost.Fresh = false;
                    lost.TicksSinceFresh++;
                }

                if (done < 0)
                {
                    return;
                }
            }

            for (var s = 0; s < slots.Length; s++)
            {
                ref var value = ref ValueOf(frame, slots[s]);
                if (s != done)
                {
                    value.Fresh = false;
                    value.TicksSinceFresh++;
                    continue;
                }

                var slot = slots[s];
                var ok = true;
                double quantity;
                switch (slot.Kind)
                {
                    case SlotKind.PadSafety:
                        ok = SensorConversions.TryNtcCelsius(volts, options.Ntc, out quantity);
                        break;
                    case SlotKind.VibrationCurrent:
                        quantity = SensorConversions.ShuntCurrentA(volts, options.CurrentSense);
                        break;
                    default:
                        quantity = SensorConversions.FsrForceN(volts, options.Pressure[slot.Index]);
                        break;
                }

                if (ok)
                {
                    value.Value = quantity;
                    value.Ok = true;
                    value.Fresh = true;
                    value.TicksSinceFresh = 0;
                }
                else
                {
                    // Open or shorted NTC: a reading, but of no temperature.
                    value.Ok = false;
                    value.Fresh = false;
                    value.TicksSinceFresh++;
                    frame.FirstFailure ??= slot.Name;
                }
            }
        }

        private static ref SensorValue ValueOf(SensorFrame frame, AdcSlot slot)
        {
            switch (slot.Kind)
            {
                case SlotKind.PadSafety:
                    return ref frame.Pads[slot.Index].SafetyC;
                case SlotKind.VibrationCurrent:
                    return ref frame.Vibration[slot.Index].CurrentA;
                default:
                    return ref frame.Pressure[slot.Index].ForceN;
            }
        }
    }
}
