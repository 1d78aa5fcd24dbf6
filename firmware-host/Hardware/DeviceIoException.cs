namespace AmpsDevice.FirmwareHost.Hardware;

/// <summary>
/// The one exception every hardware I/O failure surfaces as: an I2C transfer that failed, a chip
/// that does not answer or answers with the wrong id, a GPIO or PWM line that cannot be opened.
/// The safety layer treats it as "that sensor or output is lost"; <see cref="Device"/> names which.
/// </summary>
public sealed class DeviceIoException : IOException
{
    public DeviceIoException(string device, string message, Exception? innerException = null)
        : base($"{device}: {message}", innerException) => Device = device;

    public DeviceIoException() : this("device", "I/O failed") { }

    public DeviceIoException(string message) : this("device", message) { }

    public DeviceIoException(string message, Exception innerException) : this("device", message, innerException) { }

    /// <summary>The device as the configuration names it, for example <c>pad1.control (TMP117 @ i2c-1 0x48)</c>.</summary>
    public string Device { get; }
}
