using AmpsDevice.Simulator.Electrical;
using AmpsDevice.Simulator.Physics;

namespace AmpsDevice.Simulator;

/// <summary>
/// Where everything sits on the simulated device: buses, addresses, channels, pins, and the
/// physical constants behind them. <see cref="Default"/> equals firmware-host/appsettings.json's
/// "Hardware" map (docs/hardware.md), so the real drivers find every chip where the Pi has it.
/// </summary>
public sealed record SimulatedDeviceLayout
{
    public int MainI2cBus { get; init; } = 1;
    public int SafetyI2cBus { get; init; } = 3;
    public int PwmControllerAddress { get; init; } = 0x40;
    public int ForceAdcAddress { get; init; } = 0x4A;
    public int SafetyAdcAddress { get; init; } = 0x48;

    public int MasterEnablePin { get; init; } = 24;
    public int EStopPin { get; init; } = 25;
    public int PatientStopPin { get; init; } = 6;
    public int StartButtonPin { get; init; } = 16;
    public int StatusLedPin { get; init; } = 20;
    public int BuzzerPin { get; init; } = 21;

    /// <summary>The heartbeat output the control loop toggles every tick: it feeds the charge pump that holds K1 (docs/hardware.md).</summary>
    public int HeartbeatPin { get; init; } = 26;

    /// <summary>K1's mirror contact (NC auxiliary to GND, pulled up): low while every main pole is open.</summary>
    public int RailMonitorPin { get; init; } = 12;

    /// <summary>
    /// The heartbeat circuit's drop time, s: K1 opens this long after the heartbeat pin's last edge. 250 ms is
    /// the design figure of docs/hardware.md (C2·R2 = 100 ms discharge to the MOSFET's threshold, 122-206 ms,
    /// plus the contactor's opening); to be measured on the board. Pull-in (about 40 ms) is not modelled.
    /// </summary>
    public double HeartbeatDropS { get; init; } = 0.25;

    /// <summary>
    /// K1's closing time, s: its mirror contact opens this long after the coil is energised. The LC1D09's data sheet
    /// gives 53.55-72.45 ms for a d.c. coil ("Operating time", closing, docs/hardware.md); the simulator takes the slowest.
    /// The rail itself is modelled switching with the coil.
    /// </summary>
    public double ContactorClosingS { get; init; } = 0.07245;

    /// <summary>K1's opening time, s: its mirror contact closes this long after the coil loses its current (data sheet: 16-24 ms, the slowest taken).</summary>
    public double ContactorOpeningS { get; init; } = 0.024;

    /// <summary>Actuator rail, V (switched by the master enable and the E-stop contact).</summary>
    public double RailV { get; init; } = 12.0;

    /// <summary>Room air, °C.</summary>
    public double AmbientC { get; init; } = 23.0;

    /// <summary>Pad surface at power-on, °C (pads rest on skin).</summary>
    public double InitialPadC { get; init; } = 31.0;

    public IReadOnlyList<SimulatedPadLayout> Pads { get; init; } =
    [
        new(ControlSensorAddress: 0x48, SafetyAdcChannel: 0, BridgePwmChannel: 0, DirectionPin: 17, EnablePin: 22),
        new(ControlSensorAddress: 0x49, SafetyAdcChannel: 1, BridgePwmChannel: 1, DirectionPin: 27, EnablePin: 23),
    ];

    public IReadOnlyList<SimulatedVibrationLayout> Vibration { get; init; } =
    [
        new(PwmChip: 0, PwmChannel: 0, CurrentAdcChannel: 2),
        new(PwmChip: 0, PwmChannel: 1, CurrentAdcChannel: 3),
    ];

    public IReadOnlyList<SimulatedPressureLayout> Pressure { get; init; } =
    [
        new(AdcChannel: 0),
        new(AdcChannel: 1),
    ];

    public NtcDivider Ntc { get; init; } = NtcDivider.Default;
    public FsrDivider Fsr { get; init; } = FsrDivider.Default;
    public CurrentShuntAmplifier CurrentSense { get; init; } = CurrentShuntAmplifier.Default;

    public PeltierPadParameters PadParameters { get; init; } = PeltierPadParameters.Tec1_12706;
    public TactorParameters TactorParameters { get; init; } = TactorParameters.Default;
    public LimbParameters LimbParameters { get; init; } = LimbParameters.Default;

    /// <summary>The Pi's map: two pads, two tactors, two FSRs.</summary>
    public static SimulatedDeviceLayout Default { get; } = new();

    /// <summary>True when <paramref name="name"/> is a channel (pad1.., vib1.., pressure1..) or a pad's sensor (padN.control, padN.safety).</summary>
    public bool HasChannel(string name) => ParseChannel(name, out _, out _, out _);

    /// <summary>Splits <c>pad2.safety</c> into ("pad", 1, "safety"); false when it names nothing on this device.</summary>
    public bool ParseChannel(string name, out string kind, out int index, out string? sensor)
    {
        kind = "";
        index = -1;
        sensor = null;
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }

        var dot = name.IndexOf('.', StringComparison.Ordinal);
        var channel = dot < 0 ? name : name[..dot];
        if (dot >= 0)
        {
            sensor = name[(dot + 1)..];
        }

        var digits = channel.Length;
        while (digits > 0 && char.IsAsciiDigit(channel[digits - 1]))
        {
            digits--;
        }

        if (digits == channel.Length || !int.TryParse(channel.AsSpan(digits), out var number) || number < 1 || channel[digits] == '0')
        {
            return false;
        }

        kind = channel[..digits];
        index = number - 1;
        var count = kind switch
        {
            "pad" => Pads.Count,
            "vib" => Vibration.Count,
            "pressure" => Pressure.Count,
            _ => 0,
        };
        if (index >= count)
        {
            return false;
        }

        return sensor is null || (kind == "pad" && sensor is "control" or "safety");
    }
}

/// <summary>One pad: TMP117 on the main bus, NTC on the safety ADC, PCA9685 channel and G2 lines.</summary>
public sealed record SimulatedPadLayout(int ControlSensorAddress, int SafetyAdcChannel, int BridgePwmChannel, int DirectionPin, int EnablePin);

/// <summary>One tactor: hardware PWM channel and its current sense on the safety ADC.</summary>
public sealed record SimulatedVibrationLayout(int PwmChip, int PwmChannel, int CurrentAdcChannel);

/// <summary>One FSR on the force ADC.</summary>
public sealed record SimulatedPressureLayout(int AdcChannel);
