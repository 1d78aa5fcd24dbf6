namespace AmpsDevice.FirmwareHost.Hardware;

/// <summary>
/// Refuses a board the device map is not for. The map (docs/hardware.md) is the Raspberry Pi 4's: on a Pi 5 the
/// GPIOs sit behind the RP1, <c>dtoverlay=i2c3</c> puts I2C3 on GPIO6/7 (GPIO6 is the patient stop) and the PWM
/// channels differ, and nothing of the map has been validated there.
/// </summary>
public static class BoardCheck
{
    /// <summary>Model names (the start of <c>/proc/device-tree/model</c>) of the boards this map is refused on.</summary>
    private static readonly string[] Refused = ["Raspberry Pi 5", "Raspberry Pi 500", "Raspberry Pi Compute Module 5"];

    /// <summary>
    /// Reads the board's model from <paramref name="modelFile"/> (NUL-terminated, as the kernel writes it) and throws
    /// when it is a board the map is not for. A missing file (not a device-tree board) is left to the device checks
    /// that follow.
    /// </summary>
    /// <exception cref="DeviceIoException">The board is a Raspberry Pi 5 (or 500, CM5); the message names it.</exception>
    public static void ThrowIfNotSupported(string modelFile)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelFile);
        if (!File.Exists(modelFile))
        {
            return;
        }

        var model = File.ReadAllText(modelFile).TrimEnd('\0', '\n', ' ');
        if (Refused.Any(r => model.StartsWith(r, StringComparison.Ordinal)))
        {
            throw new DeviceIoException(
                "board",
                $"{model}: this device's pin map is for the Raspberry Pi 4 only (on a Pi 5, I2C3 sits on GPIO6/7, the patient stop's pin, and the PWM channels differ); see docs/hardware.md, Boards");
        }
    }
}
