namespace AmpsDevice.Simulator.Chips;

/// <summary>
/// TI ADS1115, register for register (datasheet SBAS444): single-shot conversions started by OS = 1
/// (OS reads 0 until 1/DR has passed on the clock), continuous mode, all eight MUX settings, the PGA
/// ranges with the output code clipped at ±full scale, the threshold registers. No id register.
/// </summary>
public sealed class Ads1115Emulator : Register16ChipEmulator
{
    /// <summary>Power-on config: OS = 1, AIN0−AIN1, ±2.048 V, single-shot, 128 SPS, comparator off.</summary>
    public const ushort PowerOnConfig = 0x8583;

    private static readonly int[] Sps = [8, 16, 32, 64, 128, 250, 475, 860];
    private static readonly double[] FullScale = [6.144, 4.096, 2.048, 1.024, 0.512, 0.256, 0.256, 0.256];

    private readonly Func<int, double> _channelVolts;
    private readonly TimeProvider _time;
    private ushort _config = PowerOnConfig;
    private ushort _conversion;
    private ushort _lowThreshold = 0x8000;
    private ushort _highThreshold = 0x7FFF;
    private bool _converting;
    private long _conversionDone;
    private ushort _conversionConfig;

    /// <param name="channelVolts">Voltage at AIN0..AIN3 (against GND), sampled when a conversion completes.</param>
    /// <param name="time">The clock conversions run on.</param>
    public Ads1115Emulator(Func<int, double> channelVolts, TimeProvider time)
    {
        _channelVolts = channelVolts ?? throw new ArgumentNullException(nameof(channelVolts));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>Conversions completed since power-on.</summary>
    public long Conversions { get; private set; }

    /// <summary>The last completed conversion's input channel (single-ended), or −1 for a differential one.</summary>
    public int LastChannel { get; private set; } = -1;

    /// <summary>The output code for <paramref name="volts"/> at full scale <paramref name="fullScaleV"/>: round(V/FS·32768), clipped to −32768..32767.</summary>
    public static short Code(double volts, double fullScaleV) =>
        (short)Math.Clamp(Math.Round(volts / fullScaleV * 32768.0), short.MinValue, short.MaxValue);

    protected override ushort ReadRegister(byte register)
    {
        Update();
        return (register & 0b11) switch
        {
            0 => _conversion,
            1 => (ushort)(_converting ? _config & 0x7FFF : _config | 0x8000),
            2 => _lowThreshold,
            _ => _highThreshold,
        };
    }

    protected override void WriteRegister(byte register, ushort value)
    {
        Update();
        switch (register & 0b11)
        {
            case 1:
                _config = (ushort)(value & 0x7FFF);
                var singleShot = (value & 0x0100) != 0;
                if (!singleShot || ((value & 0x8000) != 0 && !_converting))
                {
                    Begin();
                }

                break;
            case 2: _lowThreshold = value; break;
            case 3: _highThreshold = value; break;
            default: break; // the conversion register is read-only
        }
    }

    private void Begin()
    {
        _converting = true;
        _conversionConfig = _config;
        var sps = Sps[(_config >> 5) & 0b111];
        _conversionDone = _time.GetTimestamp() + (long)Math.Ceiling(_time.TimestampFrequency / (double)sps);
    }

    private void Update()
    {
        if (!_converting || _time.GetTimestamp() < _conversionDone)
        {
            return;
        }

        var config = _conversionConfig;
        var mux = (config >> 12) & 0b111;
        var volts = mux switch
        {
            0 => _channelVolts(0) - _channelVolts(1),
            1 => _channelVolts(0) - _channelVolts(3),
            2 => _channelVolts(1) - _channelVolts(3),
            3 => _channelVolts(2) - _channelVolts(3),
            _ => _channelVolts(mux - 4),
        };
        _conversion = (ushort)Code(volts, FullScale[(config >> 9) & 0b111]);
        LastChannel = mux >= 4 ? mux - 4 : -1;
        Conversions++;

        if ((_config & 0x0100) != 0)
        {
            _converting = false; // single-shot: power down
        }
        else
        {
            Begin(); // continuous: the next one starts at once (from now, lazily)
        }
    }
}
