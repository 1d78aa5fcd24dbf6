using AmpsDevice.Simulator.Bus;

namespace AmpsDevice.Simulator.Chips;

/// <summary>
/// A chip with a register pointer and 16-bit registers sent MSB first (TMP117, ADS1115):
/// a write of one byte sets the pointer, a write of three sets the pointer and writes the register;
/// a read returns the pointed register (repeating it if more than two bytes are read).
/// </summary>
public abstract class Register16ChipEmulator : II2cTarget
{
    /// <summary>The register pointer.</summary>
    protected byte RegisterPointer { get; private set; }

    public void Write(ReadOnlySpan<byte> data)
    {
        if (data.Length == 0)
        {
            return;
        }

        RegisterPointer = data[0];
        if (data.Length >= 3)
        {
            WriteRegister(RegisterPointer, (ushort)((data[1] << 8) | data[2]));
        }
    }

    public void Read(Span<byte> buffer)
    {
        if (buffer.Length == 0)
        {
            return;
        }

        var value = ReadRegister(RegisterPointer);
        for (var i = 0; i < buffer.Length; i++)
        {
            buffer[i] = (i & 1) == 0 ? (byte)(value >> 8) : (byte)value;
        }
    }

    /// <summary>A read of register <paramref name="register"/> (side effects such as clearing flags happen here).</summary>
    protected abstract ushort ReadRegister(byte register);

    /// <summary>A write of <paramref name="value"/> to register <paramref name="register"/>.</summary>
    protected abstract void WriteRegister(byte register, ushort value);
}
