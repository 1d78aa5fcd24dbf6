using System.Globalization;
using AmpsDevice.FirmwareHost.Hardware.Chips.Pca9685;
using Microsoft.Extensions.Options;

namespace AmpsDevice.FirmwareHost.Hardware;

/// <summary>
/// Checks the device map before anything is opened. Every error names its configuration key
/// (<c>Hardware:Pads:1:ControlSensorAddress: ...</c>) so a wrong map is fixed in one go.
/// </summary>
public sealed class HardwareOptionsValidator : IValidateOptions<HardwareOptions>
{
    /// <summary>Highest BCM GPIO on the 40-pin header.</summary>
    public const int MaxHeaderGpio = 27;

    private const string Root = HardwareOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, HardwareOptions options)
    {
        var errors = Check(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Every problem with <paramref name="options"/>, one line each; empty when valid.</summary>
    public static IReadOnlyList<string> Check(HardwareOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var c = CultureInfo.InvariantCulture;

        void Error(string key, string message) => errors.Add($"{Root}:{key}: {message}");

        // ---- buses and addresses ----
        if (options.MainI2cBus < 0)
        {
            Error(nameof(options.MainI2cBus), $"{options.MainI2cBus} is not an I2C bus number");
        }

        if (options.SafetyI2cBus < 0)
        {
            Error(nameof(options.SafetyI2cBus), $"{options.SafetyI2cBus} is not an I2C bus number");
        }
        else if (options.SafetyI2cBus == options.MainI2cBus)
        {
            Error(nameof(options.SafetyI2cBus), $"must differ from {Root}:{nameof(options.MainI2cBus)} ({options.MainI2cBus}): a fault on the main bus must not blind the safety sensors");
        }

        var addresses = new Dictionary<(int Bus, int Address), string>();
        void Address(string key, int bus, int address)
        {
            if (address is < 0x03 or > 0x77)
            {
                Error(key, $"0x{address:X2} ({address}) is outside the 7-bit I2C address range 0x03..0x77");
                return;
            }

            if (addresses.TryGetValue((bus, address), out var other))
            {
                Error(key, $"0x{address:X2} is used twice on i2c-{bus} (also {Root}:{other})");
                return;
            }

            addresses[(bus, address)] = key;
        }

        Address(nameof(options.PwmControllerAddress), options.MainI2cBus, options.PwmControllerAddress);
        Address(nameof(options.ForceAdcAddress), options.MainI2cBus, options.ForceAdcAddress);
        Address(nameof(options.SafetyAdcAddress), options.SafetyI2cBus, options.SafetyAdcAddress);

        if (options.BridgePwmFrequencyHz is < Pca9685.MinFrequencyHz or > Pca9685.MaxFrequencyHz)
        {
            Error(nameof(options.BridgePwmFrequencyHz), $"{options.BridgePwmFrequencyHz} Hz is outside the PCA9685's {Pca9685.MinFrequencyHz}..{Pca9685.MaxFrequencyHz} Hz");
        }

        if (!(options.ActuatorRailV > 0 && options.ActuatorRailV <= 24))
        {
            Error(nameof(options.ActuatorRailV), $"{options.ActuatorRailV.ToString(c)} V is outside 0..24 V");
        }

        // ---- pins ----
        var pins = new Dictionary<int, string>();
        if (options.MainI2cBus == 1)
        {
            pins[2] = "i2c-1 SDA (GPIO2)";
            pins[3] = "i2c-1 SCL (GPIO3)";
        }

        if (options.SafetyI2cBus == 3)
        {
            pins[4] = "i2c-3 SDA (dtoverlay=i2c3 uses GPIO4)";
            pins[5] = "i2c-3 SCL (dtoverlay=i2c3 uses GPIO5)";
        }

        void Pin(string key, int pin)
        {
            if (pin is < 0 or > MaxHeaderGpio)
            {
                Error(key, $"GPIO{pin} is not a header GPIO (0..{MaxHeaderGpio})");
                return;
            }

            if (pins.TryGetValue(pin, out var other))
            {
                Error(key, $"GPIO{pin} is already used by {other}");
                return;
            }

            pins[pin] = $"{Root}:{key}";
        }

        // ---- pads ----
        var pwmChannels = new Dictionary<int, string>();
        var safetyAdcChannels = new Dictionary<int, string>();
        var forceAdcChannels = new Dictionary<int, string>();
        void Channel(Dictionary<int, string> used, string key, int channel, int count, string what)
        {
            if (channel < 0 || channel >= count)
            {
                Error(key, $"{channel} is not a {what} channel (0..{count - 1})");
                return;
            }

            if (used.TryGetValue(channel, out var other))
            {
                Error(key, $"{what} channel {channel} is already used by {Root}:{other}");
                return;
            }

            used[channel] = key;
        }

        if (options.Pads is null || options.Pads.Count == 0)
        {
            Error(nameof(options.Pads), "the pad list is missing: at least one pad is required");
        }
        else
        {
            for (var i = 0; i < options.Pads.Count; i++)
            {
                var pad = options.Pads[i];
                var key = $"{nameof(options.Pads)}:{i}";
                if (pad is null)
                {
                    Error(key, "is empty");
                    continue;
                }

                Address($"{key}:{nameof(pad.ControlSensorAddress)}", options.MainI2cBus, pad.ControlSensorAddress);
                Channel(safetyAdcChannels, $"{key}:{nameof(pad.SafetyAdcChannel)}", pad.SafetyAdcChannel, 4, "safety ADC");
                Channel(pwmChannels, $"{key}:{nameof(pad.BridgePwmChannel)}", pad.BridgePwmChannel, 16, "PCA9685");
                Pin($"{key}:{nameof(pad.DirectionPin)}", pad.DirectionPin);
                Pin($"{key}:{nameof(pad.EnablePin)}", pad.EnablePin);
            }
        }

        // ---- vibration ----
        var hardwarePwm = new Dictionary<(int, int), string>();
        if (options.Vibration is null)
        {
            Error(nameof(options.Vibration), "the vibration list is missing");
        }
        else
        {
            for (var i = 0; i < options.Vibration.Count; i++)
            {
                var vib = options.Vibration[i];
                var key = $"{nameof(options.Vibration)}:{i}";
                if (vib is null)
                {
                    Error(key, "is empty");
                    continue;
                }

                if (vib.PwmChip < 0)
                {
                    Error($"{key}:{nameof(vib.PwmChip)}", $"{vib.PwmChip} is not a PWM chip number");
                }

                if (vib.PwmChannel is < 0 or > 1)
                {
                    Error($"{key}:{nameof(vib.PwmChannel)}", $"{vib.PwmChannel} is not a hardware PWM channel (0..1 with dtoverlay=pwm-2chan)");
                }
                else if (!hardwarePwm.TryAdd((vib.PwmChip, vib.PwmChannel), key))
                {
                    Error($"{key}:{nameof(vib.PwmChannel)}", $"pwmchip{vib.PwmChip} channel {vib.PwmChannel} is already used by {Root}:{hardwarePwm[(vib.PwmChip, vib.PwmChannel)]}");
                }
                else if (vib.PwmChip == 0)
                {
                    var gpio = vib.PwmChannel == 0 ? 18 : 19;
                    if (pins.TryGetValue(gpio, out var other))
                    {
                        Error($"{key}:{nameof(vib.PwmChannel)}", $"its output GPIO{gpio} is already used by {other}");
                    }
                    else
                    {
                        pins[gpio] = $"{Root}:{key} (PWM0 channel {vib.PwmChannel} on GPIO{gpio})";
                    }
                }

                Channel(safetyAdcChannels, $"{key}:{nameof(vib.CurrentAdcChannel)}", vib.CurrentAdcChannel, 4, "safety ADC");
            }
        }

        // ---- pressure ----
        if (options.Pressure is null)
        {
            Error(nameof(options.Pressure), "the pressure list is missing");
        }
        else
        {
            for (var i = 0; i < options.Pressure.Count; i++)
            {
                var p = options.Pressure[i];
                var key = $"{nameof(options.Pressure)}:{i}";
                if (p is null)
                {
                    Error(key, "is empty");
                    continue;
                }

                Channel(forceAdcChannels, $"{key}:{nameof(p.AdcChannel)}", p.AdcChannel, 4, "force ADC");
                Positive($"{key}:{nameof(p.SupplyV)}", p.SupplyV);
                Positive($"{key}:{nameof(p.LoadOhms)}", p.LoadOhms);
                Positive($"{key}:{nameof(p.CalibrationNOhms)}", p.CalibrationNOhms);
            }
        }

        // ---- global pins, after the per-channel ones so a clash names both ----
        Pin(nameof(options.MasterEnablePin), options.MasterEnablePin);
        Pin(nameof(options.EStopPin), options.EStopPin);
        Pin(nameof(options.PatientStopPin), options.PatientStopPin);
        Pin(nameof(options.StartButtonPin), options.StartButtonPin);
        Pin(nameof(options.StatusLedPin), options.StatusLedPin);
        Pin(nameof(options.BuzzerPin), options.BuzzerPin);
        Pin(nameof(options.HeartbeatPin), options.HeartbeatPin);
        Pin(nameof(options.RailMonitorPin), options.RailMonitorPin);

        if (!Enum.IsDefined(options.GpioDriver))
        {
            Error(nameof(options.GpioDriver), $"{(int)options.GpioDriver} is not a GPIO driver (Libgpiod, LibgpiodV2)");
        }

        if (options.GpioChip < 0)
        {
            Error(nameof(options.GpioChip), $"{options.GpioChip} is not a gpiochip number");
        }

        if (string.IsNullOrWhiteSpace(options.BoardModelFile))
        {
            Error(nameof(options.BoardModelFile), "is empty: the board's model file (/proc/device-tree/model) is needed to refuse a board the map is not for");
        }

        // ---- analog front ends ----
        if (options.Ntc is null)
        {
            Error(nameof(options.Ntc), "is missing");
        }
        else
        {
            Positive($"{nameof(options.Ntc)}:{nameof(options.Ntc.SupplyV)}", options.Ntc.SupplyV);
            Positive($"{nameof(options.Ntc)}:{nameof(options.Ntc.SeriesOhms)}", options.Ntc.SeriesOhms);
            Positive($"{nameof(options.Ntc)}:{nameof(options.Ntc.NominalOhms)}", options.Ntc.NominalOhms);
            Positive($"{nameof(options.Ntc)}:{nameof(options.Ntc.Beta)}", options.Ntc.Beta);
            if (!double.IsFinite(options.Ntc.NominalC))
            {
                Error($"{nameof(options.Ntc)}:{nameof(options.Ntc.NominalC)}", "must be a finite temperature");
            }
        }

        if (options.CurrentSense is null)
        {
            Error(nameof(options.CurrentSense), "is missing");
        }
        else
        {
            Positive($"{nameof(options.CurrentSense)}:{nameof(options.CurrentSense.ShuntOhms)}", options.CurrentSense.ShuntOhms);
            Positive($"{nameof(options.CurrentSense)}:{nameof(options.CurrentSense.Gain)}", options.CurrentSense.Gain);
        }

        return errors;

        void Positive(string key, double value)
        {
            if (!(value > 0 && double.IsFinite(value)))
            {
                Error(key, $"{value.ToString(c)} must be a positive number");
            }
        }
    }
}
