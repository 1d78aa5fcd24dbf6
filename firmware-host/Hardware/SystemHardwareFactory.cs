using System.Device.Gpio;
using System.Device.I2c;
using System.Device.Pwm;

namespace AmpsDevice.FirmwareHost.Hardware;

/// <summary>
/// The Raspberry Pi's own devices: /dev/i2c-N, the GPIO character device, /sys/class/pwm.
/// A missing device is a <see cref="DeviceIoException"/> that says what to enable.
/// </summary>
public sealed class SystemHardwareFactory : IHardwareFactory
{
    public I2cDevice OpenI2c(int busId, int address)
    {
        var device = $"i2c-{busId} 0x{address:X2}";
        var path = $"/dev/i2c-{busId}";
        if (!File.Exists(path))
        {
            throw new DeviceIoException(device, $"{path} does not exist: {Hint(busId)}");
        }

        try
        {
            return I2cDevice.Create(new I2cConnectionSettings(busId, address));
        }
        catch (Exception ex) when (ex is not DeviceIoException)
        {
            throw new DeviceIoException(device, $"cannot open {path}: {ex.Message} ({Hint(busId)}; is the service user in the i2c group?)", ex);
        }
    }

    public GpioController OpenGpio()
    {
        if (!OperatingSystem.IsLinux() || !Directory.EnumerateFiles("/dev", "gpiochip*").Any())
        {
            throw new DeviceIoException("GPIO", "no /dev/gpiochip* on this machine: this is not a Raspberry Pi (run with --simulate), or the GPIO driver is not loaded");
        }

        try
        {
            return new GpioController();
        }
        catch (Exception ex) when (ex is not DeviceIoException)
        {
            throw new DeviceIoException("GPIO", $"cannot open the GPIO controller: {ex.Message} (is the service user in the gpio group? is libgpiod installed?)", ex);
        }
    }

    public PwmChannel OpenPwm(int chip, int channel, int frequencyHz, double dutyCycle)
    {
        var device = $"pwmchip{chip} channel {channel}";
        var path = $"/sys/class/pwm/pwmchip{chip}";
        if (!Directory.Exists(path))
        {
            throw new DeviceIoException(device, $"{path} does not exist: add dtoverlay=pwm-2chan to /boot/firmware/config.txt and reboot (GPIO18 = channel 0, GPIO19 = channel 1)");
        }

        try
        {
            return PwmChannel.Create(chip, channel, frequencyHz, dutyCycle);
        }
        catch (Exception ex) when (ex is not DeviceIoException)
        {
            throw new DeviceIoException(device, $"cannot open: {ex.Message} (dtoverlay=pwm-2chan loaded? is the service user in the gpio group?)", ex);
        }
    }

    private static string Hint(int busId) => busId switch
    {
        1 => "is I2C enabled? raspi-config → Interface Options → I2C, or dtparam=i2c_arm=on in /boot/firmware/config.txt",
        3 => "the safety bus needs dtoverlay=i2c3 (GPIO4 = SDA, GPIO5 = SCL) in /boot/firmware/config.txt",
        _ => $"enable bus {busId} in /boot/firmware/config.txt (dtparam/dtoverlay) and reboot",
    };
}
