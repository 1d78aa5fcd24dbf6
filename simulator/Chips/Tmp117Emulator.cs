namespace AmpsDevice.Simulator.Chips;

/// <summary>
/// TI TMP117, register for register (datasheet SNOSD82): 7.8125 m°C/LSB two's complement result,
/// continuous / shutdown / one-shot modes with the CONV×AVG cycle table, Data_Ready cleared by a read
/// of the configuration or temperature register, high/low alert flags (alert and therm mode), the
/// offset register, soft reset, device id 0x0117. Conversions run on the given clock, lazily.
/// </summary>
public sealed class Tmp117Emulator : Register16ChipEmulator
{
    public const ushort DefaultDeviceId = 0x0117;

    /// <summary>Power-on configuration: continuous, CONV = 100 (1 s), AVG = 01 (8).</summary>
    public const ushort PowerOnConfiguration = 0x0220;

    private const ushort HighAlert = 1 << 15;
    private const ushort LowAlert = 1 << 14;
    private const ushort DataReady = 1 << 13;
    private const ushort ThermMode = 1 << 4;
    private const ushort SoftReset = 1 << 1;
    private const ushort ReadOnlyFlags = HighAlert | LowAlert | DataReady | (1 << 12);

    private static readonly double[,] CycleMs =
    {
        { 15.5, 125, 500, 1000 },
        { 125, 125, 500, 1000 },
        { 250, 250, 500, 1000 },
        { 500, 500, 500, 1000 },
        { 1000, 1000, 1000, 1000 },
        { 4000, 4000, 4000, 4000 },
        { 8000, 8000, 8000, 8000 },
        { 16000, 16000, 16000, 16000 },
    };

    private static readonly double[] ActiveMs = [15.5, 125, 500, 1000];

    private readonly Func<double> _temperatureC;
    private readonly TimeProvider _time;
    private readonly ushort _deviceId;
    private ushort _config;
    private ushort _result;
    private ushort _highLimit;
    private ushort _lowLimit;
    private ushort _offset;
    private readonly ushort[] _eeprom = new ushort[3];
    private long _nextConversion;

    /// <param name="temperatureC">The die's temperature, °C, sampled at each conversion.</param>
    /// <param name="time">The clock conversions run on.</param>
    /// <param name="deviceId">What DEVICE_ID reads (another value makes it a wrong chip).</param>
    public Tmp117Emulator(Func<double> temperatureC, TimeProvider time, ushort deviceId = DefaultDeviceId)
    {
        _temperatureC = temperatureC ?? throw new ArgumentNullException(nameof(temperatureC));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _deviceId = deviceId;
        PowerOn();
    }

    /// <summary>The configuration register as it is (without clearing anything).</summary>
    public ushort Configuration => _config;

    /// <summary>Conversions completed since power-on.</summary>
    public long Conversions { get; private set; }

    protected override ushort ReadRegister(byte register)
    {
        Update();
        switch (register)
        {
            case 0x00:
                _config &= unchecked((ushort)~DataReady);
                return _result;
            case 0x01:
                var value = _config;
                _config &= unchecked((ushort)~DataReady);
                if ((_config & ThermMode) == 0)
                {
                    _config &= unchecked((ushort)~(HighAlert | LowAlert));
                }

                return value;
            case 0x02: return _highLimit;
            case 0x03: return _lowLimit;
            case 0x04: return 0;
            case 0x05: return _eeprom[0];
            case 0x06: return _eeprom[1];
            case 0x07: return _offset;
            case 0x08: return _eeprom[2];
            case 0x0F: return _deviceId;
            default: return 0;
        }
    }

    protected override void WriteRegister(byte register, ushort value)
    {
        Update();
        switch (register)
        {
            case 0x01:
                if ((value & SoftReset) != 0)
                {
                    PowerOn();
                    return;
                }

                _config = (ushort)((_config & ReadOnlyFlags) | (value & ~ReadOnlyFlags & 0xFFFC));
                if (Mode != 0b01)
                {
                    // A configuration write restarts the cycle with the new settings (or starts a one-shot).
                    _nextConversion = _time.GetTimestamp() + Ticks(ActiveMs[Averaging]);
                }

                break;
            case 0x02: _highLimit = value; break;
            case 0x03: _lowLimit = value; break;
            case 0x05: _eeprom[0] = value; break;
            case 0x06: _eeprom[1] = value; break;
            case 0x07: _offset = value; break;
            case 0x08: _eeprom[2] = value; break;
            default: break; // read-only or unimplemented: ignored, as the chip does
        }
    }

    private int Mode => (_config >> 10) & 0b11;

    private int Averaging => (_config >> 5) & 0b11;

    private int Conversion => (_config >> 7) & 0b111;

    private void PowerOn()
    {
        _config = PowerOnConfiguration;
        _result = 0x8000; // −256 °C until the first conversion
        _highLimit = 0x6000; // 192 °C
        _lowLimit = 0x8000; // −256 °C
        _offset = 0;
        _nextConversion = _time.GetTimestamp() + Ticks(ActiveMs[Averaging]);
    }

    private long Ticks(double milliseconds) => (long)(milliseconds / 1000.0 * _time.TimestampFrequency);

    private void Update()
    {
        var mode = Mode;
        if (mode == 0b01)
        {
            return;
        }

        var now = _time.GetTimestamp();
        if (now < _nextConversion)
        {
            return;
        }

        Convert();
        if (mode == 0b11)
        {
            // One-shot: back to shutdown.
            _config = (ushort)((_config & ~(0b11 << 10)) | (0b01 << 10));
            return;
        }

        var cycle = Ticks(CycleMs[Conversion, Averaging]);
        var missed = (now - _nextConversion) / cycle;
        _nextConversion += (missed + 1) * cycle;
    }

    private void Convert()
    {
        var celsius = _temperatureC() + ((short)_offset * 0.0078125);
        var lsb = Math.Clamp(Math.Round(celsius / 0.0078125), short.MinValue, short.MaxValue);
        _result = (ushort)(short)lsb;
        Conversions++;
        _config |= DataReady;
        var result = (short)_result;
        if ((_config & ThermMode) != 0)
        {
            if (result > (short)_highLimit)
            {
                _config |= HighAlert;
            }
            else if (result < (short)_lowLimit)
            {
                _config &= unchecked((ushort)~HighAlert);
            }
        }
        else
        {
            if (result > (short)_highLimit)
            {
                _config |= HighAlert;
            }

            if (result < (short)_lowLimit)
            {
                _config |= LowAlert;
            }
        }
    }
}
