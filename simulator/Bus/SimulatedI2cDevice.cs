using System.Device.I2c;

namespace AmpsDevice.Simulator.Bus;

/// <summary>An <see cref="I2cDevice"/> on a <see cref="SimulatedI2cBus"/>: what the real drivers talk to under --simulate.</summary>
public sealed class SimulatedI2cDevice : I2cDevice
{
    private readonly SimulatedI2cBus _bus;
    private readonly I2cConnectionSettings _settings;

    public SimulatedI2cDevice(SimulatedI2cBus bus, int address)
    {
        _bus = bus ?? throw new ArgumentNullException(nameof(bus));
        _settings = new I2cConnectionSettings(bus.BusId, address);
    }

    public override I2cConnectionSettings ConnectionSettings => _settings;

    public override void Read(Span<byte> buffer) => _bus.Transfer(_settings.DeviceAddress, default, buffer, isWrite: false, isRead: true);

    public override byte ReadByte()
    {
        Span<byte> one = stackalloc byte[1];
        Read(one);
        return one[0];
    }

    public override void Write(ReadOnlySpan<byte> buffer) => _bus.Transfer(_settings.DeviceAddress, buffer, default, isWrite: true, isRead: false);

    public override void WriteByte(byte value)
    {
        Span<byte> one = stackalloc byte[1];
        one[0] = value;
        Write(one);
    }

    /// <summary>A write then a read with a repeated start: one transfer as far as faults go.</summary>
    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
        => _bus.Transfer(_settings.DeviceAddress, writeBuffer, readBuffer, isWrite: true, isRead: true);
}
