namespace AmpsDevice.FirmwareHost.Hardware;

/// <summary>
/// <see cref="IDeviceIo"/> on the real drivers: <see cref="DeviceOpener"/> opens every bus, chip and line
/// named by a validated <see cref="HardwareOptions"/> through an <see cref="IHardwareFactory"/> (the Pi's or
/// the simulator's), outputs driven safe first; <see cref="SensorReader"/> reads, <see cref="ActuatorWriter"/>
/// writes, <see cref="SafeOutputs"/> drives safe. Read and Write allocate nothing in steady state.
/// </summary>
public sealed class DeviceIo : IDeviceIo
{
    private readonly OpenedDevices _devices;
    private readonly SensorReader _reader;
    private readonly ActuatorWriter _writer;
    private bool _disposed;

    /// <param name="options">The device map, validated by <see cref="HardwareOptionsValidator"/> where it was bound.</param>
    /// <param name="factory">Where buses and lines come from: the Pi or the simulator.</param>
    /// <param name="time">Stamps each <see cref="SensorFrame"/>; the system clock by default.</param>
    /// <exception cref="DeviceIoException">A device is missing or answers wrongly; every output opened so far was driven safe and released.</exception>
    public DeviceIo(HardwareOptions options, IHardwareFactory factory, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(factory);
        _devices = DeviceOpener.Open(options, factory);
        _reader = new SensorReader(_devices, time ?? TimeProvider.System);
        _writer = new ActuatorWriter(_devices, DeviceOpener.InitialTactorFrequencyHz);
        Shape = new DeviceShape(
            Enumerable.Range(1, options.Pads.Count).Select(i => $"pad{i}").ToArray(),
            Enumerable.Range(1, options.Vibration.Count).Select(i => $"vib{i}").ToArray(),
            Enumerable.Range(1, options.Pressure.Count).Select(i => $"pressure{i}").ToArray());
    }

    public DeviceShape Shape { get; }

    /// <summary>The map this device was opened with.</summary>
    public HardwareOptions Options => _devices.Options;

    /// <summary>
    /// Ticks between fresh readings of one safety-ADC channel: the ADC converts one channel per
    /// <see cref="Read"/>, round-robin over the pads' NTCs then the tactor currents.
    /// </summary>
    public int SafetyAdcCycleTicks => _devices.SafetyAdc?.Length ?? 0;

    /// <summary>Ticks between fresh readings of one pressure channel (round-robin over the FSRs).</summary>
    public int ForceAdcCycleTicks => _devices.ForceAdc?.Length ?? 0;

    public void Read(SensorFrame frame)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _reader.Read(frame);
    }

    public int Write(ActuatorFrame frame)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _writer.Write(frame);
    }

    public void DriveSafe()
    {
        if (_disposed)
        {
            return;
        }

        SafeOutputs.Drive(_devices);
        _writer.Invalidate();
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        DriveSafe();
        _disposed = true;
        _devices.Dispose();
    }
}
