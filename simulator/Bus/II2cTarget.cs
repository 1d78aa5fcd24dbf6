namespace AmpsDevice.Simulator.Bus;

/// <summary>A chip on a simulated I2C bus: it receives the bytes of a write and supplies the bytes of a read.</summary>
public interface II2cTarget
{
    /// <summary>One write transfer (the first byte is usually the register pointer).</summary>
    void Write(ReadOnlySpan<byte> data);

    /// <summary>One read transfer.</summary>
    void Read(Span<byte> buffer);
}
