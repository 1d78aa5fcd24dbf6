namespace AmpsDevice.FirmwareHost.Hardware;

/// <summary>
/// The device map: buses, addresses, channels and pins (configuration section <c>Hardware</c>,
/// see docs/hardware.md). Addresses are written in decimal in JSON (0x48 = 72). Validated by
/// <see cref="HardwareOptionsValidator"/>; channel names follow list order: pad1, pad2, ...
/// </summary>
public sealed class HardwareOptions
{
    public const string SectionName = "Hardware";

    /// <summary>Main I2C bus (control sensors, force ADC, PWM controller): i2c-1 on GPIO2/3.</summary>
    public int MainI2cBus { get; set; } = 1;

    /// <summary>Safety I2C bus (safety ADC), separate so a main-bus fault does not blind it: i2c-3 (dtoverlay=i2c3, GPIO4/5).</summary>
    public int SafetyI2cBus { get; set; } = 3;

    /// <summary>PCA9685 on the main bus.</summary>
    public int PwmControllerAddress { get; set; } = 0x40;

    /// <summary>H-bridge PWM frequency, Hz (within <see cref="Chips.Pca9685.Pca9685.MinFrequencyHz"/>..<see cref="Chips.Pca9685.Pca9685.MaxFrequencyHz"/>).</summary>
    public int BridgePwmFrequencyHz { get; set; } = 1000;

    /// <summary>ADS1115 for the FSRs, on the main bus.</summary>
    public int ForceAdcAddress { get; set; } = 0x4A;

    /// <summary>ADS1115 for the NTCs and tactor currents, on the safety bus.</summary>
    public int SafetyAdcAddress { get; set; } = 0x48;

    /// <summary>Master power-enable output (active high, pulled down): gates the actuator rail.</summary>
    public int MasterEnablePin { get; set; } = 24;

    /// <summary>E-stop sense input: NC contact to GND, pull-up; high = pressed or wire broken.</summary>
    public int EStopPin { get; set; } = 25;

    /// <summary>Patient stop sense input, wired like the E-stop.</summary>
    public int PatientStopPin { get; set; } = 6;

    /// <summary>Local start button: NO contact to GND, pull-up; low = pressed.</summary>
    public int StartButtonPin { get; set; } = 16;

    public int StatusLedPin { get; set; } = 20;

    public int BuzzerPin { get; set; } = 21;

    /// <summary>
    /// Heartbeat output, toggled by the control loop once every tick in which it wrote the outputs; a charge pump on
    /// it holds the actuator rails' contactor, which drops 250 ms after the last edge (docs/hardware.md).
    /// </summary>
    public int HeartbeatPin { get; set; } = 26;

    /// <summary>
    /// The rail contactor's mirror contact (its NC auxiliary to GND, pulled up): low while every main pole is open.
    /// Reserved on the header; the software does not read it yet.
    /// </summary>
    public int RailMonitorPin { get; set; } = 12;

    /// <summary>
    /// How the GPIO lines are driven: through the Linux GPIO character device with libgpiod, so the lines belong to
    /// the process and go back to the kernel when it ends (never the Raspberry Pi register driver, which
    /// <c>new GpioController()</c> would pick and which releases nothing).
    /// </summary>
    public GpioDriverKind GpioDriver { get; set; } = GpioDriverKind.Libgpiod;

    /// <summary>The gpiochip that carries the header's lines (Raspberry Pi 4: gpiochip0, BCM numbering).</summary>
    public int GpioChip { get; set; }

    /// <summary>Where the board names itself; a board this map is not for (a Raspberry Pi 5) is refused at start.</summary>
    public string BoardModelFile { get; set; } = "/proc/device-tree/model";

    /// <summary>Actuator rail voltage, V (documentation and simulator only).</summary>
    public double ActuatorRailV { get; set; } = 12.0;

    public List<PadOptions> Pads { get; set; } = [];

    public List<VibrationOptions> Vibration { get; set; } = [];

    public List<PressureOptions> Pressure { get; set; } = [];

    /// <summary>The safety NTC dividers (one for all pads).</summary>
    public NtcOptions Ntc { get; set; } = new();

    /// <summary>The tactor current shunts and amplifiers (one for all channels).</summary>
    public CurrentSenseOptions CurrentSense { get; set; } = new();
}

/// <summary>The GPIO character-device drivers of System.Device.Gpio 4.2.</summary>
public enum GpioDriverKind
{
    /// <summary>libgpiod 1.x (<c>libgpiod2</c> on Raspberry Pi OS Bookworm): <c>LibGpiodDriver</c>.</summary>
    Libgpiod,

    /// <summary>libgpiod 2.x (<c>libgpiod3</c>, Debian Trixie): <c>LibGpiodV2Driver</c>.</summary>
    LibgpiodV2,
}

/// <summary>One pad: its control sensor, its safety NTC and its H-bridge.</summary>
public sealed class PadOptions
{
    /// <summary>TMP117 on the main bus.</summary>
    public int ControlSensorAddress { get; set; }

    /// <summary>Safety ADC input carrying this pad's NTC divider.</summary>
    public int SafetyAdcChannel { get; set; }

    /// <summary>PCA9685 channel driving the H-bridge PWM input.</summary>
    public int BridgePwmChannel { get; set; }

    /// <summary>H-bridge DIR (high = heat).</summary>
    public int DirectionPin { get; set; }

    /// <summary>H-bridge SLP (high = enabled; pulled down on the driver board).</summary>
    public int EnablePin { get; set; }
}

/// <summary>One tactor channel.</summary>
public sealed class VibrationOptions
{
    /// <summary>Hardware PWM chip (pwm-2chan: chip 0).</summary>
    public int PwmChip { get; set; }

    /// <summary>Hardware PWM channel (0 = GPIO18, 1 = GPIO19 with pwm-2chan).</summary>
    public int PwmChannel { get; set; }

    /// <summary>Safety ADC input carrying this tactor's shunt amplifier.</summary>
    public int CurrentAdcChannel { get; set; }
}

/// <summary>One force channel (a FlexiForce A201 in a divider) and its calibration.</summary>
public sealed class PressureOptions
{
    /// <summary>Force ADC input.</summary>
    public int AdcChannel { get; set; }

    /// <summary>Divider supply, V.</summary>
    public double SupplyV { get; set; } = 3.3;

    /// <summary>Load resistor from the node to GND, Ω.</summary>
    public double LoadOhms { get; set; } = 3300;

    /// <summary>Calibration k in F = k / R_sensor, N·Ω: 198 000 puts the 60 N trip at half the supply with the
    /// 3.3 kΩ load (FlexiForce A201, 111 N; calibrate per sensor, docs/hardware.md).</summary>
    public double CalibrationNOhms { get; set; } = 198_000;
}

/// <summary>The NTC dividers on the safety ADC.</summary>
public sealed class NtcOptions
{
    public double SupplyV { get; set; } = 3.3;

    /// <summary>Fixed resistor from the supply to the node, Ω.</summary>
    public double SeriesOhms { get; set; } = 10_000;

    /// <summary>NTC resistance at <see cref="NominalC"/>, Ω.</summary>
    public double NominalOhms { get; set; } = 10_000;

    public double NominalC { get; set; } = 25.0;

    /// <summary>β, K (3950 for the common 10k NTC).</summary>
    public double Beta { get; set; } = 3950;
}

/// <summary>The tactor drive current sense: a low-side shunt and a voltage amplifier.</summary>
public sealed class CurrentSenseOptions
{
    public double ShuntOhms { get; set; } = 0.1;

    /// <summary>Amplifier gain, V/V.</summary>
    public double Gain { get; set; } = 20;
}
