using System.Device.I2c;

namespace AmpsDevice.FirmwareHost.Hardware.Chips.Tmp117;

/// <summary>
/// TI TMP117 ±0.1 °C digital temperature sensor (datasheet SNOSD82). The pad's control sensor:
/// 16-bit two's complement result at 7.8125 m°C per LSB, continuous conversion, a Data_Ready flag
/// that tells a new conversion from the previous one read again.
/// </summary>
public sealed class Tmp117 : IDisposable
{
    /// <summary>Address with ADD0 tied to GND. 0x49 = V+, 0x4A = SDA, 0x4B = SCL.</summary>
    public const int DefaultI2cAddress = 0x48;

    /// <summary>Value of <see cref="Register.DeviceId"/> bits 11:0 (bits 15:12 are the revision).</summary>
    public const ushort DeviceIdValue = 0x0117;

    /// <summary>°C per LSB of the temperature result: 2^-7.</summary>
    public const double DegreesPerLsb = 0.0078125;

    private const Tmp117Configuration SettingsMask = Tmp117Configuration.ModeMask | Tmp117Configuration.ConversionMask | Tmp117Configuration.AveragingMask;

    private readonly I2cDevice _device;
    private readonly string _name;
    private Tmp117Configuration _settings;
    private bool _configured;

    /// <param name="device">The sensor on its bus; disposed with this driver. Nothing is sent to it here.</param>
    /// <param name="name">How errors name the device (default: <c>TMP117 @ i2c-B 0xAA</c>).</param>
    public Tmp117(I2cDevice device, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(device);
        _device = device;
        _name = name ?? $"TMP117 @ i2c-{device.ConnectionSettings.BusId} 0x{device.ConnectionSettings.DeviceAddress:X2}";
    }

    /// <summary>The name errors use.</summary>
    public string Name => _name;

    /// <summary>
    /// The result register holds a conversion made with the configured settings. False until the first
    /// Data_Ready after <see cref="Configure"/>, and again when the configuration reads back other than
    /// written (the chip reset, e.g. a brown-out): until then the result is the power-on 0x8000
    /// (−256 °C) or a conversion made before the configuration, and is no reading at all.
    /// </summary>
    public bool HasConversion { get; private set; }

    /// <summary>
    /// Reads DEVICE_ID and refuses any chip that is not a TMP117. Not done by the constructor: no chip
    /// driver's constructor talks to its chip, so a chip that fails never strands an open device no one
    /// disposes, and whoever opens the device decides when each chip is first spoken to (outputs safe first).
    /// </summary>
    /// <exception cref="DeviceIoException">The chip does not answer, or its id is not a TMP117's.</exception>
    public void CheckDeviceId()
    {
        var id = ReadUInt16(Register.DeviceId);
        if ((id & 0x0FFF) != DeviceIdValue)
        {
            throw new DeviceIoException(_name, $"device id reads 0x{id:X4}, expected 0x{DeviceIdValue:X4} (TMP117): wrong chip at this address, check the wiring and ADD0 strap");
        }
    }

    /// <summary>Writes the configuration: conversion mode, cycle time (CONV) and averaging (AVG). Alerts stay in alert mode.</summary>
    public void Configure(Tmp117Mode mode, Tmp117Conversion conversion, Tmp117Averaging averaging)
    {
        var config = (ushort)(((int)mode << 10) | ((int)conversion << 7) | ((int)averaging << 5));
        HasConversion = false;
        WriteUInt16(Register.Configuration, config);
        _settings = (Tmp117Configuration)config & SettingsMask;
        _configured = true;
    }

    /// <summary>Reads the configuration register. Reading it clears Data_Ready and the alert flags.</summary>
    public Tmp117Configuration ReadConfiguration() => (Tmp117Configuration)ReadUInt16(Register.Configuration);

    /// <summary>
    /// Reads the latest temperature, °C. <paramref name="fresh"/> is true when a conversion finished
    /// since the last read (Data_Ready). Two transfers: configuration (the flag), then the result.
    /// Check <see cref="HasConversion"/> before trusting the value.
    /// </summary>
    public double ReadTemperatureC(out bool fresh)
    {
        var config = ReadConfiguration();
        if (_configured && (config & SettingsMask) != _settings)
        {
            // The chip lost its configuration (reset): it runs the power-on cycle, not ours.
            HasConversion = false;
        }
        else if ((config & Tmp117Configuration.DataReady) != 0)
        {
            HasConversion = true;
        }

        fresh = HasConversion && (config & Tmp117Configuration.DataReady) != 0;
        return ToCelsius(ReadUInt16(Register.TemperatureResult));
    }

    /// <summary>Writes the high and low alert limits, °C.</summary>
    public void SetAlertLimits(double lowC, double highC)
    {
        WriteUInt16(Register.LowLimit, FromCelsius(lowC));
        WriteUInt16(Register.HighLimit, FromCelsius(highC));
    }

    /// <summary>Raw result → °C: two's complement × 7.8125 m°C.</summary>
    public static double ToCelsius(ushort raw) => (short)raw * DegreesPerLsb;

    /// <summary>°C → raw register value, rounded and saturated to the 16-bit range (−256..+255.99 °C).</summary>
    public static ushort FromCelsius(double celsius)
    {
        var lsb = Math.Round(celsius / DegreesPerLsb);
        return (ushort)(short)Math.Clamp(lsb, short.MinValue, short.MaxValue);
    }

    public void Dispose() => _device.Dispose();

    private ushort ReadUInt16(Register register) => ChipRegisters.ReadUInt16BigEndian(_device, _name, register, (byte)register);

    private void WriteUInt16(Register register, ushort value) => ChipRegisters.WriteUInt16BigEndian(_device, _name, register, (byte)register, value);
}
