using System.Buffers.Binary;
using System.Device.I2c;

namespace AmpsDevice.FirmwareHost.Hardware.Chips;

/// <summary>
/// Register I/O shared by the chips with a register pointer (TMP117, ADS1115, PCA9685): the pointer
/// byte first, then the register's bytes (16-bit big-endian for the TI chips, single bytes and
/// little-endian ON/OFF pairs for the PCA9685). Stackalloc spans, no allocation per transfer, every
/// bus failure as one <see cref="DeviceIoException"/> naming the device and the register
/// (<typeparamref name="TRegister"/> is only formatted then, so naming costs nothing per transfer).
/// </summary>
internal static class ChipRegisters
{
    public static byte ReadByte<TRegister>(I2cDevice device, string deviceName, TRegister register, byte address)
        where TRegister : struct
    {
        Span<byte> data = stackalloc byte[1];
        Read(device, deviceName, register, address, data);
        return data[0];
    }

    public static void WriteByte<TRegister>(I2cDevice device, string deviceName, TRegister register, byte address, byte value)
        where TRegister : struct
    {
        Span<byte> data = stackalloc byte[2];
        data[0] = address;
        data[1] = value;
        Write(device, deviceName, register, data);
    }

    public static ushort ReadUInt16BigEndian<TRegister>(I2cDevice device, string deviceName, TRegister register, byte address)
        where TRegister : struct
    {
        Span<byte> data = stackalloc byte[2];
        Read(device, deviceName, register, address, data);
        return BinaryPrimitives.ReadUInt16BigEndian(data);
    }

    public static void WriteUInt16BigEndian<TRegister>(I2cDevice device, string deviceName, TRegister register, byte address, ushort value)
        where TRegister : struct
    {
        Span<byte> data = stackalloc byte[3];
        data[0] = address;
        BinaryPrimitives.WriteUInt16BigEndian(data[1..], value);
        Write(device, deviceName, register, data);
    }

    /// <summary>Reads two consecutive 16-bit little-endian registers (auto-increment on).</summary>
    public static (ushort First, ushort Second) ReadUInt16PairLittleEndian<TRegister>(I2cDevice device, string deviceName, TRegister register, byte address)
        where TRegister : struct
    {
        Span<byte> data = stackalloc byte[4];
        Read(device, deviceName, register, address, data);
        return (BinaryPrimitives.ReadUInt16LittleEndian(data), BinaryPrimitives.ReadUInt16LittleEndian(data[2..]));
    }

    /// <summary>Writes two consecutive 16-bit little-endian registers in one transfer (auto-increment on).</summary>
    public static void WriteUInt16PairLittleEndian<TRegister>(I2cDevice device, string deviceName, TRegister register, byte address, ushort first, ushort second)
        where TRegister : struct
    {
        Span<byte> data = stackalloc byte[5];
        data[0] = address;
        BinaryPrimitives.WriteUInt16LittleEndian(data[1..], first);
        BinaryPrimitives.WriteUInt16LittleEndian(data[3..], second);
        Write(device, deviceName, register, data);
    }

    private static void Read<TRegister>(I2cDevice device, string deviceName, TRegister register, byte address, Span<byte> data)
        where TRegister : struct
    {
        Span<byte> pointer = stackalloc byte[1];
        pointer[0] = address;
        try
        {
            device.WriteRead(pointer, data);
        }
        catch (Exception ex) when (ex is not DeviceIoException)
        {
            throw new DeviceIoException(deviceName, $"reading register {register} failed: {ex.Message}", ex);
        }
    }

    private static void Write<TRegister>(I2cDevice device, string deviceName, TRegister register, ReadOnlySpan<byte> data)
        where TRegister : struct
    {
        try
        {
            device.Write(data);
        }
        catch (Exception ex) when (ex is not DeviceIoException)
        {
            throw new DeviceIoException(deviceName, $"writing register {register} failed: {ex.Message}", ex);
        }
    }
}
