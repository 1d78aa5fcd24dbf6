using System.Device.I2c;

namespace AmpsDevice.FirmwareHost.Hardware.Chips.Ads1115;

/// <summary>
/// TI ADS1115 16-bit 4-channel delta-sigma ADC (datasheet SBAS444), used single-shot and
/// single-ended: <see cref="StartConversion"/> on one channel, then on a later call
/// <see cref="TryReadConversion"/> returns the result once the OS bit says the conversion is done.
/// The chip has no id register.
/// </summary>
public sealed class Ads1115 : IDisposable
{
    /// <summary>Address with ADDR tied to GND. 0x49 = VDD, 0x4A = SDA, 0x4B = SCL.</summary>
    public const int DefaultI2cAddress = 0x48;

    /// <summary>Single-ended inputs AIN0..AIN3.</summary>
    public const int ChannelCount = 4;

    private readonly I2cDevice _device;
    private readonly string _name;
    private Ads1115Config _template;
    private int _channel = -1;

    /// <param name="device">The ADC on its bus; disposed with this driver. Nothing is sent to it here.</param>
    /// <param name="range">Full-scale range of the programmable gain amplifier.</param>
    /// <param name="dataRate">Samples per second; 860 SPS converts in about 1.2 ms.</param>
    /// <param name="name">How errors name the device.</param>
    public Ads1115(I2cDevice device, Ads1115Range range = Ads1115Range.FullScale4_096V, Ads1115DataRate dataRate = Ads1115DataRate.Sps860, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(device);
        _device = device;
        _name = name ?? $"ADS1115 @ i2c-{device.ConnectionSettings.BusId} 0x{device.ConnectionSettings.DeviceAddress:X2}";
        Range = range;
        DataRate = dataRate;
        // Single-shot, comparator disabled (COMP_QUE = 11): the ALERT pin is not used.
        _template = Ads1115Config.SingleShot | Ads1115Config.ComparatorDisable | (Ads1115Config)((int)range << 9) | (Ads1115Config)((int)dataRate << 5);
    }

    /// <summary>The name errors use.</summary>
    public string Name => _name;

    public Ads1115Range Range { get; }

    public Ads1115DataRate DataRate { get; }

    /// <summary>Full-scale voltage of <see cref="Range"/>: code 32767 is this many volts.</summary>
    public double FullScaleV => FullScaleVolts(Range);

    /// <summary>The channel of the conversion last started, or −1.</summary>
    public int PendingChannel => _channel;

    /// <summary>Starts a single-shot conversion of AINx against GND.</summary>
    public void StartConversion(int channel)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(channel);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(channel, ChannelCount);
        var config = _template | Ads1115Config.OperationalStatus | (Ads1115Config)((0b100 | channel) << 12);
        _channel = -1;
        WriteUInt16(Register.Config, (ushort)config);
        _channel = channel;
    }

    /// <summary>
    /// When the conversion started last has finished (OS = 1), reads it and returns true with its
    /// channel and voltage; false while it is still converting. Does not start another.
    /// </summary>
    public bool TryReadConversion(out int channel, out double volts)
    {
        channel = _channel;
        volts = 0;
        if (_channel < 0)
        {
            return false;
        }

        var config = (Ads1115Config)ReadUInt16(Register.Config);
        if ((config & Ads1115Config.OperationalStatus) == 0)
        {
            return false;
        }

        volts = ToVolts((short)ReadUInt16(Register.Conversion), Range);
        _channel = -1;
        return true;
    }

    /// <summary>Reads the configuration register as it is in the chip.</summary>
    public Ads1115Config ReadConfig() => (Ads1115Config)ReadUInt16(Register.Config);

    /// <summary>Code → volts: code × FS / 32768.</summary>
    public static double ToVolts(short code, Ads1115Range range) => code * FullScaleVolts(range) / 32768.0;

    /// <summary>Full-scale range of each PGA setting (datasheet table 8-3).</summary>
    public static double FullScaleVolts(Ads1115Range range) => range switch
    {
        Ads1115Range.FullScale6_144V => 6.144,
        Ads1115Range.FullScale4_096V => 4.096,
        Ads1115Range.FullScale2_048V => 2.048,
        Ads1115Range.FullScale1_024V => 1.024,
        Ads1115Range.FullScale0_512V => 0.512,
        _ => 0.256,
    };

    /// <summary>Samples per second of each data rate setting.</summary>
    public static int SamplesPerSecond(Ads1115DataRate rate) => rate switch
    {
        Ads1115DataRate.Sps8 => 8,
        Ads1115DataRate.Sps16 => 16,
        Ads1115DataRate.Sps32 => 32,
        Ads1115DataRate.Sps64 => 64,
        Ads1115DataRate.Sps128 => 128,
        Ads1115DataRate.Sps250 => 250,
        Ads1115DataRate.Sps475 => 475,
        _ => 860,
    };

    public void Dispose() => _device.Dispose();

    private ushort ReadUInt16(Register register) => ChipRegisters.ReadUInt16BigEndian(_device, _name, register, (byte)register);

    private void WriteUInt16(Register register, ushort value) => ChipRegisters.WriteUInt16BigEndian(_device, _name, register, (byte)register, value);
}
