using System.Device.Gpio;
using AmpsDevice.Simulator.Bus;
using AmpsDevice.Simulator.Chips;
using AmpsDevice.Simulator.Faults;
using AmpsDevice.Simulator.Physics;

namespace AmpsDevice.Simulator;

/// <summary>
/// The whole device below the drivers: two I2C buses with their chips, the GPIO header, the
/// hardware PWM channels, the analog front ends and the physics (pads, tactors, limbs). The physics
/// advances lazily to <see cref="TimeProvider.GetTimestamp"/> on a 1 ms grid whenever a chip, pin or
/// PWM channel is touched, or <see cref="Sync"/> is called, so it runs the same in real and in
/// virtual time. The actuator rails are powered only while the contactor K1 holds: the master enable
/// output high, the E-stop not pressed (its contact is in K1's coil circuit) and the heartbeat pin toggled
/// within <see cref="SimulatedDeviceLayout.HeartbeatDropS"/> (the charge pump that drives K1's coil,
/// docs/hardware.md). K1's mirror contact reads back on <see cref="SimulatedDeviceLayout.RailMonitorPin"/>, after the
/// contactor's closing or opening time (<see cref="SimulatedDeviceLayout.ContactorClosingS"/>, <see cref="SimulatedDeviceLayout.ContactorOpeningS"/>).
/// <para>
/// The drive (bridge voltages, tactor duty, rail) changes only when something is written, and nothing
/// is written while the physics catches up, so it is read once per chunk of up to
/// <see cref="MaxChunkSteps"/> substeps instead of once per substep; a chunk ends early at the first
/// substep boundary at or after a scheduled action, so an action runs on the same substep as it would one substep at a time.
/// The pads (a second-order step), the tactor envelope (exact exponential), the limb's force follower (its
/// 1 ms substeps in closed form) and the limb's noise (exact Ornstein-Uhlenbeck update, phase diffusion scaled
/// with the step) take the chunk whole.
/// </para>
/// </summary>
public sealed class SimulatedDevice
{
    /// <summary>Physics substep, s.</summary>
    public const double StepS = 0.001;

    /// <summary>Most 1 ms substeps advanced with one reading of the drive: one control tick at 100 Hz.</summary>
    public const int MaxChunkSteps = 10;

    private readonly DeviceGate _gate;
    private readonly long _stepTicks;
    private readonly long _heartbeatDropTicks;
    private readonly long _contactorClosingTicks;
    private readonly long _contactorOpeningTicks;
    private readonly Dictionary<(int Chip, int Channel), SimulatedPwmChannel> _pwm = [];
    private readonly List<(long At, Action Action)> _scheduled = [];
    private long _lastStep;
    private long _syncedTo = long.MinValue;
    private long _nextScheduledAt = long.MaxValue;
    private bool _syncing;
    private bool _eStopPressed;
    private bool _patientStopPressed;
    private bool _startPressed;

    // K1 holds until this timestamp: the heartbeat pin's last edge plus the drop time (none yet: not held).
    private long _heartbeatDeadline = long.MinValue;
    private bool _railClosed;

    // K1's main poles as its mirror contact shows them: they follow _railClosed after the closing or opening time.
    private long _railChangedAt;
    private bool _mirrorShowsClosed;
    private bool _contactorWelded;
    private bool _mirrorContactStuck;
    private bool _mirrorReadsPolesOpen = true;

    private bool _constructed;

    /// <param name="layout">Where everything is (<see cref="SimulatedDeviceLayout.Default"/> = the Pi's map).</param>
    /// <param name="time">Real or virtual clock; conversions and physics follow it.</param>
    /// <param name="seed">Seeds every random source (limbs, sensor noise): the same seed, the same run.</param>
    /// <param name="gate">What keeps calls from several threads apart (default: a lock, <see cref="DeviceGate.Locking"/>);
    /// <see cref="DeviceGate.SingleCaller"/> for a device its owner calls one call at a time.</param>
    public SimulatedDevice(SimulatedDeviceLayout layout, TimeProvider time, int seed, DeviceGate? gate = null)
    {
        Layout = layout ?? throw new ArgumentNullException(nameof(layout));
        Time = time ?? throw new ArgumentNullException(nameof(time));
        _gate = gate ?? DeviceGate.Locking();
        _stepTicks = Math.Max(1, (long)Math.Round(time.TimestampFrequency * StepS));
        _heartbeatDropTicks = (long)Math.Round(time.TimestampFrequency * layout.HeartbeatDropS);
        _contactorClosingTicks = (long)Math.Round(time.TimestampFrequency * layout.ContactorClosingS);
        _contactorOpeningTicks = (long)Math.Round(time.TimestampFrequency * layout.ContactorOpeningS);
        _lastStep = time.GetTimestamp();
        NoiseSource = new Random(unchecked((seed * 7919) + 17));

        // The pins, buses and channels call SyncInsideGate with the gate already held: no second acquisition.
        Gpio = new SimulatedGpioDriver(SyncInsideGate, _gate, OutputChangedInsideGate);
        MainBus = new SimulatedI2cBus(layout.MainI2cBus, time, SyncInsideGate, _gate);
        SafetyBus = new SimulatedI2cBus(layout.SafetyI2cBus, time, SyncInsideGate, _gate);

        foreach (var pin in new[] { layout.EStopPin, layout.PatientStopPin, layout.StartButtonPin })
        {
            Gpio.SetBoardPull(pin, PinValue.High); // 10 kΩ pull-ups on the board
        }

        Gpio.SetInput(layout.EStopPin, PinValue.Low); // NC contacts closed: not pressed
        Gpio.SetInput(layout.PatientStopPin, PinValue.Low);
        Gpio.SetInput(layout.StartButtonPin, null); // NO contact open: not pressed
        Gpio.SetBoardPull(layout.RailMonitorPin, PinValue.High);
        Gpio.SetInput(layout.RailMonitorPin, PinValue.Low); // K1 open: its mirror contact closed

        PwmController = new Pca9685Emulator();
        MainBus.Attach(layout.PwmControllerAddress, PwmController);

        Pads = new SimulatedPad[layout.Pads.Count];
        for (var i = 0; i < Pads.Length; i++)
        {
            var pad = new SimulatedPad(i, layout.Pads[i], new PeltierPadModel(layout.PadParameters, layout.AmbientC, layout.InitialPadC), NoiseSource);
            Pads[i] = pad;
            pad.ControlSensor = new Tmp117Emulator(() => pad.ControlFault.Apply(pad.Model.SurfaceC), time);
            MainBus.Attach(layout.Pads[i].ControlSensorAddress, pad.ControlSensor);
        }

        Vibration = new SimulatedVibration[layout.Vibration.Count];
        for (var i = 0; i < Vibration.Length; i++)
        {
            var v = layout.Vibration[i];
            var channel = PwmChannel(v.PwmChip, v.PwmChannel);
            Vibration[i] = new SimulatedVibration(i, v, new TactorModel(layout.TactorParameters), channel);
        }

        Pressure = new SimulatedPressure[layout.Pressure.Count];
        for (var i = 0; i < Pressure.Length; i++)
        {
            Pressure[i] = new SimulatedPressure(i, layout.Pressure[i], new LimbModel(layout.LimbParameters, new Random(unchecked((seed * 104729) + i))), NoiseSource);
        }

        SafetyAdc = new Ads1115Emulator(SafetyAdcVolts, time);
        SafetyBus.Attach(layout.SafetyAdcAddress, SafetyAdc);
        ForceAdc = new Ads1115Emulator(ForceAdcVolts, time);
        MainBus.Attach(layout.ForceAdcAddress, ForceAdc);

        // The physics starts now: real time may have passed while the parts were being built.
        _lastStep = time.GetTimestamp();
        _constructed = true;
    }

    public SimulatedDeviceLayout Layout { get; }

    public TimeProvider Time { get; }

    /// <summary>The seeded source of sensor noise.</summary>
    public Random NoiseSource { get; }

    public SimulatedGpioDriver Gpio { get; }

    public SimulatedI2cBus MainBus { get; }

    public SimulatedI2cBus SafetyBus { get; }

    public Pca9685Emulator PwmController { get; }

    public Ads1115Emulator SafetyAdc { get; }

    public Ads1115Emulator ForceAdc { get; }

    public SimulatedPad[] Pads { get; }

    public SimulatedVibration[] Vibration { get; }

    public SimulatedPressure[] Pressure { get; }

    /// <summary>The bus i2c-<paramref name="busId"/>, or null when the device has none.</summary>
    public SimulatedI2cBus? Bus(int busId) => busId == MainBus.BusId ? MainBus : busId == SafetyBus.BusId ? SafetyBus : null;

    /// <summary>The master power-enable line is high.</summary>
    public bool MasterEnable => Gpio.IsHigh(Layout.MasterEnablePin);

    /// <summary>The heartbeat pin toggled within the drop time: the charge pump holds K1's coil MOSFET on.</summary>
    public bool HeartbeatAlive
    {
        get
        {
            using (_gate.Enter())
            {
                return Time.GetTimestamp() < _heartbeatDeadline;
            }
        }
    }

    /// <summary>The actuator rails are live: K1 holds (master enable high, E-stop contact closed, heartbeat alive), or its welded poles never opened.</summary>
    public bool RailPowered => (MasterEnable && !EStopPressed && HeartbeatAlive) || (_contactorWelded && _railClosed);

    /// <summary>
    /// K1's main poles weld the next time they close (or now, if closed): they stay closed when the coil drops, so the
    /// rails stay live, and the mirror contact, mechanically linked to them, stays open (GPIO12 reads high).
    /// </summary>
    public bool ContactorWelded
    {
        get => _contactorWelded;
        set
        {
            using (_gate.Enter())
            {
                Sync();
                _contactorWelded = value;
            }
        }
    }

    /// <summary>
    /// K1's mirror contact reads "every pole open" (GPIO12 low) whatever K1 does: the contact stuck closed, or its line
    /// shorted to ground. A weld would go unseen; the disagreement shows the next time K1 is meant to close.
    /// </summary>
    public bool MirrorContactStuck
    {
        get => _mirrorContactStuck;
        set
        {
            using (_gate.Enter())
            {
                Sync();
                _mirrorContactStuck = value;
                UpdateMirrorContact(_lastStep);
            }
        }
    }

    public bool StatusLed => Gpio.IsHigh(Layout.StatusLedPin);

    public bool Buzzer => Gpio.IsHigh(Layout.BuzzerPin);

    /// <summary>The E-stop is pressed: its NC contact opens (the input reads high) and the rail is cut.</summary>
    public bool EStopPressed
    {
        get => _eStopPressed;
        set
        {
            using (_gate.Enter())
            {
                Sync();
                _eStopPressed = value;
                Gpio.SetInput(Layout.EStopPin, value ? null : PinValue.Low);
            }
        }
    }

    /// <summary>The patient's stop button is pressed (NC contact open: the input reads high).</summary>
    public bool PatientStopPressed
    {
        get => _patientStopPressed;
        set
        {
            using (_gate.Enter())
            {
                Sync();
                _patientStopPressed = value;
                Gpio.SetInput(Layout.PatientStopPin, value ? null : PinValue.Low);
            }
        }
    }

    /// <summary>The local start button is pressed (NO contact closed: the input reads low).</summary>
    public bool StartButtonPressed
    {
        get => _startPressed;
        set
        {
            using (_gate.Enter())
            {
                Sync();
                _startPressed = value;
                Gpio.SetInput(Layout.StartButtonPin, value ? PinValue.Low : null);
            }
        }
    }

    /// <summary>A device on bus i2c-<paramref name="busId"/> (opening succeeds even where nothing answers, as on Linux).</summary>
    public SimulatedI2cDevice OpenI2c(int busId, int address)
    {
        var bus = Bus(busId) ?? throw new IOException($"/dev/i2c-{busId} does not exist on the simulated device (buses: i2c-{MainBus.BusId}, i2c-{SafetyBus.BusId})");
        return new SimulatedI2cDevice(bus, address);
    }

    /// <summary>Opens hardware PWM channel (chip, channel) stopped at the given frequency and duty.</summary>
    public SimulatedPwmChannel OpenPwm(int chip, int channel, int frequencyHz, double dutyCycle)
    {
        using (_gate.Enter())
        {
            if (!_pwm.TryGetValue((chip, channel), out var pwm))
            {
                throw new IOException($"pwmchip{chip} channel {channel} does not exist on the simulated device");
            }

            pwm.Reset(frequencyHz, dutyCycle);
            return pwm;
        }
    }

    /// <summary>Brings the physics up to the clock's now, on the 1 ms grid.</summary>
    public void Sync()
    {
        using (_gate.Enter())
        {
            SyncInsideGate();
        }
    }

    /// <summary><see cref="Sync"/> for a caller that holds the gate.</summary>
    private void SyncInsideGate()
    {
        if (_syncing || !_constructed)
        {
            return;
        }

        var now = Time.GetTimestamp();
        if (now == _syncedTo && _nextScheduledAt > now)
        {
            return; // already there (every transfer of a tick lands here), and nothing is due
        }

        _syncing = true;
        try
        {
            while (now - _lastStep >= _stepTicks)
            {
                var steps = Math.Min((now - _lastStep) / _stepTicks, MaxChunkSteps);
                // K1 dropping out is an event like a scheduled action: the chunk ends at the substep that reaches it.
                var next = _heartbeatDeadline > _lastStep ? Math.Min(_nextScheduledAt, _heartbeatDeadline) : _nextScheduledAt;
                if (next != long.MaxValue)
                {
                    // An action runs after the substep that first reaches its time, as with 1 ms steps.
                    var due = (next - _lastStep + _stepTicks - 1) / _stepTicks;
                    steps = Math.Clamp(due, 1, steps);
                }

                Step((int)steps);
                _lastStep += steps * _stepTicks;
                UpdateMirrorContact(_lastStep);
                RunScheduled(_lastStep);
            }

            RunScheduled(now);
            _syncedTo = now;
        }
        finally
        {
            _syncing = false;
        }
    }

    /// <summary>Voltage the H-bridge puts across pad <paramref name="index"/> now.</summary>
    public double BridgeVoltage(int index)
    {
        using (_gate.Enter())
        {
            return ComputeBridgeVoltage(Pads[index], RailPowered);
        }
    }

    /// <summary>Runs <paramref name="action"/> once the clock has moved <paramref name="after"/> past now (checked at each substep).</summary>
    public void Schedule(TimeSpan after, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        using (_gate.Enter())
        {
            Sync();
            var at = Time.GetTimestamp() + (long)(after.TotalSeconds * Time.TimestampFrequency);
            _scheduled.Add((at, action));
            _nextScheduledAt = Math.Min(_nextScheduledAt, at);
        }
    }

    private void RunScheduled(long now)
    {
        if (_nextScheduledAt > now)
        {
            return;
        }

        for (var i = 0; i < _scheduled.Count; i++)
        {
            if (_scheduled[i].At <= now)
            {
                var action = _scheduled[i].Action;
                _scheduled.RemoveAt(i);
                i--;
                action();
            }
        }

        _nextScheduledAt = long.MaxValue;
        foreach (var (at, _) in _scheduled)
        {
            _nextScheduledAt = Math.Min(_nextScheduledAt, at);
        }
    }

    /// <summary>
    /// K1's mirror contact at <paramref name="at"/>: closed (the line low) exactly while every main pole is open, as the
    /// poles were the contactor's closing or opening time ago; a pulse shorter than that never shows.
    /// </summary>
    private void UpdateMirrorContact(long at)
    {
        if (_mirrorShowsClosed != _railClosed && at - _railChangedAt >= (_railClosed ? _contactorClosingTicks : _contactorOpeningTicks))
        {
            _mirrorShowsClosed = _railClosed;
        }

        var polesOpenReading = _mirrorContactStuck || !_mirrorShowsClosed;
        if (polesOpenReading != _mirrorReadsPolesOpen)
        {
            _mirrorReadsPolesOpen = polesOpenReading;
            Gpio.SetInput(Layout.RailMonitorPin, polesOpenReading ? PinValue.Low : null);
        }
    }

    /// <summary>An edge on an output: on the heartbeat pin it recharges the pump, so K1 holds for the drop time from now.</summary>
    private void OutputChangedInsideGate(int pin)
    {
        if (pin == Layout.HeartbeatPin)
        {
            _heartbeatDeadline = Time.GetTimestamp() + _heartbeatDropTicks;
        }
    }

    private SimulatedPwmChannel PwmChannel(int chip, int channel)
    {
        if (!_pwm.TryGetValue((chip, channel), out var pwm))
        {
            pwm = new SimulatedPwmChannel(chip, channel, SyncInsideGate, _gate);
            _pwm[(chip, channel)] = pwm;
        }

        return pwm;
    }

    /// <summary>Advances the physics <paramref name="steps"/> substeps under the drive as it is now.</summary>
    private void Step(int steps)
    {
        var coil = Gpio.IsHighInsideGate(Layout.MasterEnablePin) && !EStopPressed && _lastStep < _heartbeatDeadline;
        var rail = coil || (_contactorWelded && _railClosed);
        if (rail != _railClosed)
        {
            _railClosed = rail;
            _railChangedAt = _lastStep;
        }

        var chunkS = steps * StepS;
        foreach (var pad in Pads)
        {
            // A sleeping or unpowered bridge leaves the module's terminals floating: no current at all,
            // not the brake (shorted terminals) of a driven bridge at 0 % duty.
            pad.Model.OpenCircuit = !BridgeDrives(pad, rail);
            pad.Model.AppliedVoltage = ComputeBridgeVoltage(pad, rail);
            pad.Model.Step(chunkS);
        }

        foreach (var vib in Vibration)
        {
            var duty = vib.MotorStuckOn ? 0.5 : vib.Pwm.EffectiveDutyCycleInsideGate;
            vib.Model.SetDrive(vib.Pwm.FrequencyInsideGate, duty, rail);
            vib.Model.Step(chunkS);
        }

        foreach (var pressure in Pressure)
        {
            pressure.Limb.Step(chunkS);
        }
    }

    /// <summary>The bridge's outputs are driven (awake, or shorted by a fault) and its rail is live;
    /// otherwise they are high impedance.</summary>
    private bool BridgeDrives(SimulatedPad pad, bool rail) =>
        rail && !pad.ModuleLeadBroken && (pad.StuckDrive != 0 || Gpio.IsHighInsideGate(pad.Layout.EnablePin));

    private double ComputeBridgeVoltage(SimulatedPad pad, bool rail)
    {
        if (!BridgeDrives(pad, rail))
        {
            return 0;
        }

        if (pad.StuckDrive != 0)
        {
            return pad.StuckDrive * Layout.RailV;
        }

        var sign = Gpio.IsHighInsideGate(pad.Layout.DirectionPin) ? 1.0 : -1.0;
        return Layout.RailV * PwmController.DutyCycle(pad.Layout.BridgePwmChannel) * sign;
    }

    private double SafetyAdcVolts(int channel)
    {
        foreach (var pad in Pads)
        {
            if (pad.Layout.SafetyAdcChannel == channel)
            {
                return pad.SafetyFault.Disconnected
                    ? Layout.Ntc.OpenCircuitVolts
                    : Layout.Ntc.Volts(pad.SafetyFault.Apply(pad.Model.SurfaceC));
            }
        }

        foreach (var vib in Vibration)
        {
            if (vib.Layout.CurrentAdcChannel == channel)
            {
                return Layout.CurrentSense.Volts(vib.Model.CurrentA);
            }
        }

        return 0;
    }

    private double ForceAdcVolts(int channel)
    {
        foreach (var pressure in Pressure)
        {
            if (pressure.Layout.AdcChannel == channel)
            {
                return Layout.Fsr.Volts(pressure.Fault.Apply(pressure.Limb.ForceN));
            }
        }

        return 0;
    }
}

/// <summary>One simulated pad: the physics, its two sensors and its bridge as the hardware sees it.</summary>
public sealed class SimulatedPad
{
    internal SimulatedPad(int index, SimulatedPadLayout layout, PeltierPadModel model, Random noise)
    {
        Index = index;
        Layout = layout;
        Model = model;
        ControlFault = new SensorFault(noise);
        SafetyFault = new SensorFault(noise);
    }

    public int Index { get; }

    public string Name => $"pad{Index + 1}";

    public SimulatedPadLayout Layout { get; }

    public PeltierPadModel Model { get; }

    /// <summary>The pad surface temperature, °C: the truth.</summary>
    public double SurfaceC => Model.SurfaceC;

    public Tmp117Emulator ControlSensor { get; internal set; } = null!;

    public SensorFault ControlFault { get; }

    /// <summary>The NTC's fault (disconnected = open wire: the divider reads the supply).</summary>
    public SensorFault SafetyFault { get; }

    /// <summary>+1 heater stuck on, −1 cooler stuck on, 0 the bridge obeys.</summary>
    public int StuckDrive { get; set; }

    /// <summary>A lead between the bridge and the Peltier module is broken: no current flows, whatever the bridge does.</summary>
    public bool ModuleLeadBroken { get; set; }
}

/// <summary>One simulated tactor channel.</summary>
public sealed class SimulatedVibration
{
    internal SimulatedVibration(int index, SimulatedVibrationLayout layout, TactorModel model, SimulatedPwmChannel pwm)
    {
        Index = index;
        Layout = layout;
        Model = model;
        Pwm = pwm;
    }

    public int Index { get; }

    public string Name => $"vib{Index + 1}";

    public SimulatedVibrationLayout Layout { get; }

    public TactorModel Model { get; }

    public SimulatedPwmChannel Pwm { get; }

    /// <summary>The tactor's vibration amplitude, 0..1 of full scale: the truth.</summary>
    public double AmplitudeFraction => Model.AmplitudeFraction;

    public double FrequencyHz => Model.FrequencyHz;

    public double CurrentA => Model.CurrentA;

    /// <summary>The MOSFET is shorted: the tactor runs at full amplitude whatever it is told (rail permitting).</summary>
    public bool MotorStuckOn { get; set; }
}

/// <summary>One simulated force channel.</summary>
public sealed class SimulatedPressure
{
    internal SimulatedPressure(int index, SimulatedPressureLayout layout, LimbModel limb, Random noise)
    {
        Index = index;
        Layout = layout;
        Limb = limb;
        Fault = new SensorFault(noise);
    }

    public int Index { get; }

    public string Name => $"pressure{Index + 1}";

    public SimulatedPressureLayout Layout { get; }

    public LimbModel Limb { get; }

    /// <summary>The force on the sensor, N: the truth.</summary>
    public double ForceN => Limb.ForceN;

    public SensorFault Fault { get; }
}
