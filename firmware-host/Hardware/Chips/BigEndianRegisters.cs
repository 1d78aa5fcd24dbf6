using System.Buffers.Binary;
using System.Device.I2c;

namespace AmpsDevice.FirmwareHost.Hardware.Chips;

/// <summary>
/// Register I/O shared by the chips with a pointer register and 16-bit big-endian registers
/// (TMP117, ADS1115): stackalloc spans, no allocation per transfer, every bus failure as one
/// <see cref="DeviceIoException"/> naming the device and the register.
/// </summary>
internal static class BigEndianRegisters
{
    public static ushort ReadUInt16<TRegister>(I2cDevice device, string deviceName, TRegister register, byte address)
        where TRegister : struct, Enum
    {
        Span<byte> pointer = stackalloc byte[1];
        Span<byte> data = stackalloc byte[2];
        pointer[0] = address;
        try
        {
            device.WriteRead(pointer, data);
        }
        catch (Exception ex) when (ex is not DeviceIoException)
        {
            throw new DeviceIoException(deviceName, $"reading register {register} failed: {ex.Message}", ex);
        }

        return BinaryPrimitives.ReadUInt16BigEndian(data);
    }

    public static void WriteUInt16<TRegister>(I2cDevice device, string deviceName, TRegister register, byte address, ushort value)
        where TRegister : struct, Enum
    {
        Span<byte> data = stackalloc byte[3];
        data[0] = address;
        BinaryPrimitives.WriteUInt16BigEndian(data[1..], value);
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
