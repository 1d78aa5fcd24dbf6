using System.Globalization;

namespace AmpsDevice.Simulator.Faults;

/// <summary>
/// Breaks a <see cref="SimulatedDevice"/> the way the scenario's fault kinds describe (docs/simulate.md), and performs
/// the patient actions the hardware sees. Everything happens below the drivers, so the firmware
/// meets each fault exactly as it would on the Pi:
/// <list type="bullet">
/// <item>sensor-stuck / -offset / -noise: between the truth and the sensor (padN = padN.control = the TMP117; padN.safety = the NTC; pressureN = the FSR);</item>
/// <item>sensor-disconnected: the TMP117 stops answering on I2C; an NTC's wire opens (its divider reads the supply);
/// an FSR's ADC stops answering (both FSRs share it: an FSR's own open wire reads as 0 N, which no one could detect);</item>
/// <item>heater-/cooler-stuck-on: the bridge puts ±rail across the pad whatever it is told, rail permitting;</item>
/// <item>motor-stuck-on: the tactor runs at a 50 % duty (full amplitude) whatever it is told, rail permitting;</item>
/// <item>i2c-bus-error: every transfer on the bus fails (default i2c-1, default forever); estop: contact opens, rail cut;</item>
/// <item>pressure-overload: the limb's force jumps to the value; loop-stall: the next main-bus transfer takes that long;</item>
/// <item>press-stop: the patient stop input goes active (held 1 s unless a duration is given); withdraw / return: the limb;</item>
/// <item>contactor-welded: K1's main poles stay closed when its coil drops (rails live, mirror contact open);
/// contact-stuck: K1's mirror contact reads "every pole open" whatever K1 does.</item>
/// </list>
/// </summary>
public sealed class FaultInjector
{
    /// <summary>How long press-stop holds the button when the event gives no duration.</summary>
    public static readonly TimeSpan DefaultPressHold = TimeSpan.FromSeconds(1);

    public FaultInjector(SimulatedDevice device) => Device = device ?? throw new ArgumentNullException(nameof(device));

    public SimulatedDevice Device { get; }

    /// <summary>
    /// Applies a hardware event now. Events that are not hardware (<c>rate-pain</c>, therapist
    /// commands) are the caller's: passing one is an <see cref="ArgumentException"/>.
    /// </summary>
    public void Apply(ScenarioEvent scenarioEvent)
    {
        ArgumentNullException.ThrowIfNull(scenarioEvent);
        if (!scenarioEvent.IsHardware)
        {
            throw new ArgumentException($"{scenarioEvent.Path}: '{scenarioEvent.Kind}' is not a hardware event; route it to the session", nameof(scenarioEvent));
        }

        var e = scenarioEvent;
        var target = e.Target ?? "";
        var duration = e.DurationS is { } d ? TimeSpan.FromSeconds(d) : (TimeSpan?)null;
        switch (e.Kind)
        {
            case "sensor-stuck": SensorStuck(target); break;
            case "sensor-disconnected": SensorDisconnected(target); break;
            case "sensor-offset": SensorOffset(target, e.Value ?? 0); break;
            case "sensor-noise": SensorNoise(target, e.Value ?? 0); break;
            case "heater-stuck-on": BridgeStuck(target, +1); break;
            case "cooler-stuck-on": BridgeStuck(target, -1); break;
            case "motor-stuck-on": MotorStuckOn(target); break;
            case "i2c-bus-error": BusError(e.Target, duration); break;
            case "estop": EStop(duration); break;
            case "pressure-overload": PressureOverload(target, e.Value ?? 0); break;
            case "loop-stall": LoopStall(TimeSpan.FromMilliseconds(e.Value ?? 0)); break;
            case "contactor-welded": Device.ContactorWelded = true; break;
            case "contact-stuck": Device.MirrorContactStuck = true; break;
            case "press-stop": PressStop(duration ?? DefaultPressHold); break;
            case "withdraw": Pressure(target).Limb.Withdraw(); break;
            case "return": Pressure(target).Limb.Return(); break;
            default: throw new ArgumentException($"{e.Path}: '{e.Kind}' is not a fault this simulator knows", nameof(scenarioEvent));
        }
    }

    /// <summary>
    /// Repairs everything <see cref="Apply"/> can break: every sensor reads the truth and answers again, bridges and
    /// motors obey, the buses work, an overloaded or withdrawn limb rests on its sensor. Stop inputs are left as they
    /// are: a person releases those.
    /// </summary>
    public void ClearAll()
    {
        Device.Sync();
        foreach (var pad in Device.Pads)
        {
            pad.ControlFault.Clear();
            pad.SafetyFault.Clear();
            pad.StuckDrive = 0;
            pad.ModuleLeadBroken = false;
            Device.MainBus.SetDisconnected(pad.Layout.ControlSensorAddress, false);
        }

        foreach (var vibration in Device.Vibration)
        {
            vibration.MotorStuckOn = false;
        }

        foreach (var pressure in Device.Pressure)
        {
            pressure.Fault.Clear();
            if (pressure.Limb.State is Physics.LimbState.Withdrawn or Physics.LimbState.Overloaded)
            {
                pressure.Limb.Return();
            }
        }

        Device.MainBus.SetDisconnected(Device.Layout.ForceAdcAddress, false);
        Device.ContactorWelded = false;
        Device.MirrorContactStuck = false;
        Device.MainBus.ClearBusError();
        Device.SafetyBus.ClearBusError();
    }

    /// <summary>The sensor's reading freezes at its current value.</summary>
    public void SensorStuck(string sensor)
    {
        var (fault, truth) = Sensor(sensor);
        fault.Stick(truth());
    }

    /// <summary>The sensor is lost: a TMP117 or the force ADC stops answering; an NTC reads open circuit.</summary>
    public void SensorDisconnected(string sensor)
    {
        Device.Sync();
        var (fault, _) = Sensor(sensor);
        fault.Disconnected = true;
        Device.Layout.ParseChannel(sensor, out var kind, out var index, out var which);
        if (kind == "pad" && which != "safety")
        {
            Device.MainBus.SetDisconnected(Device.Layout.Pads[index].ControlSensorAddress, true);
        }
        else if (kind == "pressure")
        {
            Device.MainBus.SetDisconnected(Device.Layout.ForceAdcAddress, true);
        }
    }

    /// <summary>The sensor reads <paramref name="offset"/> (°C or N) off the truth.</summary>
    public void SensorOffset(string sensor, double offset) => Sensor(sensor).Fault.Offset = offset;

    /// <summary>Gaussian noise of <paramref name="standardDeviation"/> (°C or N) on the sensor, from the device's seeded source.</summary>
    public void SensorNoise(string sensor, double standardDeviation) => Sensor(sensor).Fault.NoiseStdDev = standardDeviation;

    /// <summary>The pad's bridge drives full heat (+1) or full cooling (−1) whatever it is told, while the rail is powered.</summary>
    public void BridgeStuck(string pad, int direction)
    {
        if (!Device.Layout.ParseChannel(pad, out var kind, out var index, out var sensor) || kind != "pad" || sensor is not null)
        {
            throw new ArgumentException($"'{pad}' is not a pad of this device", nameof(pad));
        }

        Device.Sync();
        Device.Pads[index].StuckDrive = Math.Sign(direction);
    }

    /// <summary>The tactor runs at full amplitude whatever it is told, while the rail is powered.</summary>
    public void MotorStuckOn(string vibration)
    {
        if (!Device.Layout.ParseChannel(vibration, out var kind, out var index, out _) || kind != "vib")
        {
            throw new ArgumentException($"'{vibration}' is not a vibration channel of this device", nameof(vibration));
        }

        Device.Sync();
        Device.Vibration[index].MotorStuckOn = true;
    }

    /// <summary>Every transfer on <paramref name="bus"/> (<c>i2c-N</c>; default the main bus) fails for <paramref name="duration"/> (null: forever).</summary>
    public void BusError(string? bus, TimeSpan? duration)
    {
        var id = Device.Layout.MainI2cBus;
        if (bus is not null && !(bus.StartsWith("i2c-", StringComparison.Ordinal) && int.TryParse(bus.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out id)))
        {
            throw new ArgumentException($"'{bus}' is not a bus name (i2c-N)", nameof(bus));
        }

        var target = Device.Bus(id) ?? throw new ArgumentException($"'{bus}' is not a bus of this device", nameof(bus));
        Device.Sync();
        target.InjectBusError(duration);
    }

    /// <summary>The E-stop is pressed: input active, rail cut. Released after <paramref name="duration"/> when given.</summary>
    public void EStop(TimeSpan? duration = null)
    {
        Device.EStopPressed = true;
        if (duration is { } d)
        {
            Device.Schedule(d, () => Device.EStopPressed = false);
        }
    }

    /// <summary>The patient presses the stop button and holds it for <paramref name="hold"/>.</summary>
    public void PressStop(TimeSpan hold)
    {
        Device.PatientStopPressed = true;
        Device.Schedule(hold, () => Device.PatientStopPressed = false);
    }

    /// <summary>The force on the sensor jumps to <paramref name="forceN"/>.</summary>
    public void PressureOverload(string pressure, double forceN)
    {
        Device.Sync();
        Pressure(pressure).Limb.Overload(forceN);
    }

    /// <summary>The control loop is starved: the next main-bus transfer takes <paramref name="stall"/>.</summary>
    public void LoopStall(TimeSpan stall) => Device.MainBus.StallNextTransfer(stall);

    private SimulatedPressure Pressure(string name)
    {
        if (!Device.Layout.ParseChannel(name, out var kind, out var index, out _) || kind != "pressure")
        {
            throw new ArgumentException($"'{name}' is not a pressure channel of this device", nameof(name));
        }

        Device.Sync();
        return Device.Pressure[index];
    }

    private (SensorFault Fault, Func<double> Truth) Sensor(string name)
    {
        if (!Device.Layout.ParseChannel(name, out var kind, out var index, out var sensor) || kind is not ("pad" or "pressure"))
        {
            throw new ArgumentException($"'{name}' is not a temperature or pressure sensor of this device", nameof(name));
        }

        Device.Sync();
        if (kind == "pressure")
        {
            var pressure = Device.Pressure[index];
            return (pressure.Fault, () => pressure.ForceN);
        }

        var pad = Device.Pads[index];
        return (sensor == "safety" ? pad.SafetyFault : pad.ControlFault, () => pad.SurfaceC);
    }
}
