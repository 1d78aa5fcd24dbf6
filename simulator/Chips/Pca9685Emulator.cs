using AmpsDevice.Simulator.Bus;

namespace AmpsDevice.Simulator.Chips;

/// <summary>
/// NXP PCA9685, register for register (datasheet rev. 4): MODE1 (SLEEP, AI, RESTART, ALLCALL),
/// MODE2, LEDn_ON/OFF_L/H with the full-on and full-off bits (full-off wins), ALL_LED_* writes to
/// every channel, PRE_SCALE writable only in sleep, power-on values. While asleep the oscillator
/// is off and every output is low.
/// </summary>
public sealed class Pca9685Emulator : II2cTarget
{
    public const int ChannelCount = 16;
    public const double OscillatorHz = 25_000_000;

    private const byte Mode1 = 0x00;
    private const byte Led0OnL = 0x06;
    private const byte AllLedOnL = 0xFA;
    private const byte Prescale = 0xFE;
    private const byte SleepBit = 0x10;
    private const byte AutoIncrementBit = 0x20;
    private const byte RestartBit = 0x80;

    private readonly byte[] _registers = new byte[256];
    private byte _pointer;
    private bool _restartPending;

    public Pca9685Emulator() => PowerOn();

    /// <summary>MODE1 as it reads.</summary>
    public byte Mode1Register => ReadAt(Mode1);

    /// <summary>The oscillator is off (SLEEP).</summary>
    public bool Sleeping => (_registers[Mode1] & SleepBit) != 0;

    public byte PrescaleRegister => _registers[Prescale];

    /// <summary>f = 25 MHz / (4096 × (PRE_SCALE + 1)).</summary>
    public double FrequencyHz => OscillatorHz / (4096.0 * (_registers[Prescale] + 1));

    /// <summary>The duty cycle a channel's pin really has: 0 while asleep.</summary>
    public double DutyCycle(int channel) => Sleeping ? 0 : ProgrammedDutyCycle(channel);

    /// <summary>The duty cycle a channel's registers hold (full-off wins over full-on).</summary>
    public double ProgrammedDutyCycle(int channel)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(channel);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(channel, ChannelCount);
        var b = Led0OnL + (4 * channel);
        var on = _registers[b] | (_registers[b + 1] << 8);
        var off = _registers[b + 2] | (_registers[b + 3] << 8);
        if ((off & 0x1000) != 0)
        {
            return 0;
        }

        if ((on & 0x1000) != 0)
        {
            return 1;
        }

        return (((off & 0x0FFF) - (on & 0x0FFF) + 4096) % 4096) / 4096.0;
    }

    public void Write(ReadOnlySpan<byte> data)
    {
        if (data.Length == 0)
        {
            return;
        }

        _pointer = data[0];
        for (var i = 1; i < data.Length; i++)
        {
            WriteAt(_pointer, data[i]);
            Advance();
        }
    }

    public void Read(Span<byte> buffer)
    {
        for (var i = 0; i < buffer.Length; i++)
        {
            buffer[i] = ReadAt(_pointer);
            Advance();
        }
    }

    private void PowerOn()
    {
        Array.Clear(_registers);
        _registers[Mode1] = 0x11; // SLEEP | ALLCALL
        _registers[0x01] = 0x04; // OUTDRV
        _registers[0x02] = 0xE2;
        _registers[0x03] = 0xE4;
        _registers[0x04] = 0xE8;
        _registers[0x05] = 0xE0;
        for (var channel = 0; channel < ChannelCount; channel++)
        {
            _registers[Led0OnL + (4 * channel) + 3] = 0x10; // full off
        }

        _registers[Prescale] = 0x1E; // 200 Hz
    }

    private void Advance()
    {
        if ((_registers[Mode1] & AutoIncrementBit) != 0)
        {
            _pointer = _pointer switch
            {
                0x45 => 0x00, // after LED15_OFF_H the pointer wraps to MODE1
                0xFF => 0x00,
                _ => (byte)(_pointer + 1),
            };
        }
    }

    private byte ReadAt(byte register) => register switch
    {
        Mode1 => (byte)((_registers[Mode1] & ~RestartBit) | (_restartPending ? RestartBit : 0)),
        >= AllLedOnL and < Prescale => 0, // ALL_LED registers read as zero
        _ => _registers[register],
    };

    private void WriteAt(byte register, byte value)
    {
        switch (register)
        {
            case Mode1:
                var wasSleeping = Sleeping;
                if ((value & RestartBit) != 0)
                {
                    _restartPending = false;
                }

                _registers[Mode1] = (byte)(value & ~RestartBit);
                if (!wasSleeping && Sleeping && AnyChannelActive())
                {
                    _restartPending = true;
                }

                break;
            case Prescale:
                if (Sleeping)
                {
                    _registers[Prescale] = Math.Max(value, (byte)3);
                }

                break;
            case >= AllLedOnL and < Prescale:
                for (var channel = 0; channel < ChannelCount; channel++)
                {
                    _registers[Led0OnL + (4 * channel) + (register - AllLedOnL)] = value;
                }

                break;
            case >= 0x46 and < AllLedOnL:
                break; // reserved
            default:
                _registers[register] = value;
                break;
        }
    }

    private bool AnyChannelActive()
    {
        for (var channel = 0; channel < ChannelCount; channel++)
        {
            if (ProgrammedDutyCycle(channel) > 0)
            {
                return true;
            }
        }

        return false;
    }
}
