using System.Device.I2c;

namespace AmpsDevice.FirmwareHost.Hardware.Chips.Pca9685;

/// <summary>
/// NXP PCA9685 16-channel 12-bit PWM controller (datasheet rev. 4). Drives the pads' H-bridge PWM
/// inputs. The frequency is shared by all channels; the prescaler can only be written in sleep.
/// No id register.
/// </summary>
public sealed class Pca9685 : IDisposable
{
    /// <summary>Address with A5..A0 all low.</summary>
    public const int DefaultI2cAddress = 0x40;

    public const int ChannelCount = 16;

    /// <summary>Internal oscillator, Hz.</summary>
    public const double OscillatorHz = 25_000_000;

    /// <summary>PWM counter steps per period.</summary>
    public const int Steps = 4096;

    /// <summary>Smallest prescale the chip accepts (1526 Hz).</summary>
    public const byte MinPrescale = 3;

    /// <summary>Lowest PWM frequency, Hz: PRE_SCALE 255 (datasheet 7.3.5).</summary>
    public const int MinFrequencyHz = 24;

    /// <summary>Highest PWM frequency, Hz: PRE_SCALE <see cref="MinPrescale"/> (datasheet 7.3.5).</summary>
    public const int MaxFrequencyHz = 1526;

    /// <summary>Full-on / full-off bit in LEDn_ON_H / LEDn_OFF_H.</summary>
    private const byte FullBit = 0x10;

    private readonly I2cDevice _device;
    private readonly string _name;

    /// <param name="device">The controller on its bus; disposed with this driver. Nothing is sent to it here.</param>
    /// <param name="name">How errors name the device.</param>
    public Pca9685(I2cDevice device, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(device);
        _device = device;
        _name = name ?? $"PCA9685 @ i2c-{device.ConnectionSettings.BusId} 0x{device.ConnectionSettings.DeviceAddress:X2}";
    }

    /// <summary>The name errors use.</summary>
    public string Name => _name;

    /// <summary>
    /// Turns every output off (ALL_LED_OFF full-off), then sets totem-pole outputs, auto-increment,
    /// the frequency, and wakes the oscillator. Call once at start; outputs stay off.
    /// </summary>
    public void Initialize(double frequencyHz)
    {
        SetAllOff();
        WriteByte(Register.Mode2, (byte)Pca9685Mode2.OutputTotemPole);
        SetFrequency(frequencyHz);
    }

    /// <summary>
    /// Sets the PWM frequency (<see cref="MinFrequencyHz"/>..<see cref="MaxFrequencyHz"/>): sleep, write PRE_SCALE, wake, wait 500 µs for the
    /// oscillator, restart. Returns the frequency the prescaler really gives.
    /// </summary>
    public double SetFrequency(double frequencyHz)
    {
        var prescale = PrescaleFor(frequencyHz);
        var mode1 = (Pca9685Mode1)ReadByte(Register.Mode1);
        var awake = (mode1 & ~(Pca9685Mode1.Sleep | Pca9685Mode1.Restart | Pca9685Mode1.AllCall)) | Pca9685Mode1.AutoIncrement;
        WriteByte(Register.Mode1, (byte)(awake | Pca9685Mode1.Sleep));
        WriteByte(Register.Prescale, prescale);
        WriteByte(Register.Mode1, (byte)awake);
        Thread.Sleep(1); // datasheet 7.3.1.1: 500 µs for the oscillator to stabilise before RESTART
        WriteByte(Register.Mode1, (byte)(awake | Pca9685Mode1.Restart));
        return FrequencyFor(prescale);
    }

    /// <summary>Reads PRE_SCALE back and returns the frequency it gives, Hz.</summary>
    public double ReadFrequency() => FrequencyFor(ReadByte(Register.Prescale));

    /// <summary>Reads MODE1.</summary>
    public Pca9685Mode1 ReadMode1() => (Pca9685Mode1)ReadByte(Register.Mode1);

    /// <summary>Sets one channel's duty cycle, 0..1. Exactly 0 is full-off, exactly 1 full-on (no edges).</summary>
    public void SetDutyCycle(int channel, double dutyCycle)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(channel);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(channel, ChannelCount);
        if (!(dutyCycle >= 0 && dutyCycle <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(dutyCycle), dutyCycle, "duty cycle must be within 0..1");
        }

        var (on, off) = CountsFor(dutyCycle);
        ChipRegisters.WriteUInt16PairLittleEndian(_device, _name, new LedRegisters(channel), LedOnL(channel), on, off);
    }

    /// <summary>Reads one channel's duty cycle back from its LEDn registers.</summary>
    public double ReadDutyCycle(int channel)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(channel);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(channel, ChannelCount);
        var (on, off) = ChipRegisters.ReadUInt16PairLittleEndian(_device, _name, new LedRegisters(channel), LedOnL(channel));
        return DutyFor(on, off);
    }

    /// <summary>Every channel full-off in one write to ALL_LED_OFF_H.</summary>
    public void SetAllOff() => WriteByte(Register.AllLedOffH, FullBit);

    /// <summary>PRE_SCALE = round(25 MHz / (4096 × f)) − 1, valid for <see cref="MinFrequencyHz"/>..<see cref="MaxFrequencyHz"/>.</summary>
    public static byte PrescaleFor(double frequencyHz)
    {
        var prescale = Math.Round(OscillatorHz / (Steps * frequencyHz)) - 1;
        if (!(frequencyHz >= MinFrequencyHz && frequencyHz <= MaxFrequencyHz && prescale >= MinPrescale && prescale <= 255))
        {
            throw new ArgumentOutOfRangeException(nameof(frequencyHz), frequencyHz, $"PCA9685 frequency must be within {MinFrequencyHz}..{MaxFrequencyHz} Hz");
        }

        return (byte)prescale;
    }

    /// <summary>f = 25 MHz / (4096 × (PRE_SCALE + 1)).</summary>
    public static double FrequencyFor(byte prescale) => OscillatorHz / (Steps * (prescale + 1.0));

    /// <summary>
    /// Duty → (ON, OFF) register values: 0 → full-off bit, 1 → full-on bit, otherwise ON = 0 and
    /// OFF = round(duty × 4096) kept within 1..4095.
    /// </summary>
    public static (ushort On, ushort Off) CountsFor(double dutyCycle)
    {
        if (dutyCycle <= 0)
        {
            return (0, FullBit << 8);
        }

        if (dutyCycle >= 1)
        {
            return (FullBit << 8, 0);
        }

        return (0, (ushort)Math.Clamp(Math.Round(dutyCycle * Steps), 1, Steps - 1));
    }

    /// <summary>(ON, OFF) register values → duty. Full-off wins over full-on, as in the chip.</summary>
    public static double DutyFor(ushort on, ushort off)
    {
        if ((off & (FullBit << 8)) != 0)
        {
            return 0;
        }

        if ((on & (FullBit << 8)) != 0)
        {
            return 1;
        }

        var high = ((off & 0x0FFF) - (on & 0x0FFF) + Steps) % Steps;
        return high / (double)Steps;
    }

    public void Dispose() => _device.Dispose();

    /// <summary>LEDn_ON_L: four registers per channel from LED0_ON_L.</summary>
    private static byte LedOnL(int channel) => (byte)((int)Register.Led0OnL + (4 * channel));

    private byte ReadByte(Register register) => ChipRegisters.ReadByte(_device, _name, register, (byte)register);

    private void WriteByte(Register register, byte value) => ChipRegisters.WriteByte(_device, _name, register, (byte)register, value);

    /// <summary>How an error names one channel's four LED registers.</summary>
    private readonly record struct LedRegisters(int Channel)
    {
        public override string ToString() => $"LED{Channel}_ON_L..LED{Channel}_OFF_H";
    }
}
