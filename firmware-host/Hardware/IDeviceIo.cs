namespace AmpsDevice.FirmwareHost.Hardware;

/// <summary>
/// The control loop's whole view of the hardware: read everything, write everything, go safe.
/// Implemented once, on the real drivers (<c>DeviceIo</c>); the simulator plugs in below the drivers.
/// </summary>
public interface IDeviceIo : IDisposable
{
    /// <summary>Names of the channels, in frame order: <c>pad1</c>.., <c>vib1</c>.., <c>pressure1</c>...</summary>
    DeviceShape Shape { get; }

    /// <summary>
    /// Reads every sensor and input into <paramref name="frame"/>. Never throws for a sensor's I/O
    /// failure: the failed reading is marked not ok and counted in <see cref="SensorFrame.FailedTransfers"/>.
    /// Allocates nothing in steady state.
    /// </summary>
    void Read(SensorFrame frame);

    /// <summary>
    /// Applies every output. Writes only what changed since the last write, except that the master
    /// enable and the H-bridge enables are refreshed every call. When every output was written the heartbeat
    /// toggles: called once per control tick, that is what holds the actuator rails (docs/hardware.md). An output
    /// that fails to write is reported by the returned count (and the heartbeat misses that tick); the caller then
    /// goes safe.
    /// </summary>
    /// <returns>The number of outputs that failed to write (0 when all succeeded).</returns>
    int Write(ActuatorFrame frame);

    /// <summary>
    /// Puts every output in its safe state: master enable low first, the heartbeat stopped low, then every H-bridge disabled and
    /// its PWM at 0, every motor off. Idempotent; tries every output even if one throws; never throws.
    /// </summary>
    void DriveSafe();
}

/// <summary>The channel names of a device, in the order its frames use.</summary>
public sealed record DeviceShape(IReadOnlyList<string> Pads, IReadOnlyList<string> Vibration, IReadOnlyList<string> Pressure)
{
    public SensorFrame CreateSensorFrame() => new(Pads.Count, Vibration.Count, Pressure.Count);

    public ActuatorFrame CreateActuatorFrame() => new(Pads.Count, Vibration.Count);
}
