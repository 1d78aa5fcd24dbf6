using System.Device.Gpio;
using System.Device.Gpio.Drivers;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Device.I2c;
using System.Device.Pwm;

namespace AmpsDevice.FirmwareHost.Hardware;

/// <summary>
/// The Raspberry Pi's own devices: /dev/i2c-N, the GPIO character device, /sys/class/pwm.
/// A missing device is a <see cref="DeviceIoException"/> that says what to enable.
/// </summary>
public sealed class SystemHardwareFactory : IHardwareFactory
{
    private readonly GpioDriverKind _gpioDriver;
    private readonly int _gpioChip;
    private readonly string _boardModelFile;

    /// <param name="gpioDriver">The character-device driver for the GPIO lines (<c>Hardware:GpioDriver</c>).</param>
    /// <param name="gpioChip">The gpiochip of the header's lines (<c>Hardware:GpioChip</c>).</param>
    /// <param name="boardModelFile">Where the board names itself (<c>Hardware:BoardModelFile</c>).</param>
    public SystemHardwareFactory(GpioDriverKind gpioDriver = GpioDriverKind.Libgpiod, int gpioChip = 0, string boardModelFile = "/proc/device-tree/model")
    {
        _gpioDriver = gpioDriver;
        _gpioChip = gpioChip;
        _boardModelFile = boardModelFile;
    }

    /// <summary>The factory for the map's driver, chip and board model file.</summary>
    public SystemHardwareFactory(HardwareOptions options)
        : this((options ?? throw new ArgumentNullException(nameof(options))).GpioDriver, options.GpioChip, options.BoardModelFile)
    {
    }

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

    /// <summary>
    /// The GPIO controller on the configured character-device driver. Refuses first a board the map is not for
    /// (<see cref="BoardCheck"/>): the controller is the first thing <see cref="DeviceIo"/> opens.
    /// </summary>
    public GpioController OpenGpio()
    {
        BoardCheck.ThrowIfNotSupported(_boardModelFile);
        if (!OperatingSystem.IsLinux() || !Directory.EnumerateFiles("/dev", "gpiochip*").Any())
        {
            throw new DeviceIoException("GPIO", "no /dev/gpiochip* on this machine: this is not a Raspberry Pi (run with --simulate), or the GPIO driver is not loaded");
        }

        try
        {
            return new GpioController(CreateDriver(_gpioDriver, _gpioChip));
        }
        catch (Exception ex) when (ex is not DeviceIoException)
        {
            var library = _gpioDriver == GpioDriverKind.Libgpiod ? "libgpiod2" : "libgpiod3";
            throw new DeviceIoException("GPIO", $"cannot open gpiochip{_gpioChip} with {_gpioDriver}: {ex.Message} (is {library} installed? is the service user in the gpio group?)", ex);
        }
    }

    /// <summary>
    /// The driver type for <paramref name="kind"/>: always the Linux GPIO character device through libgpiod, whose
    /// lines belong to the process and return to the kernel when it ends; never the Raspberry Pi register driver.
    /// </summary>
    [return: DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)]
    public static Type DriverType(GpioDriverKind kind) => kind switch
    {
        GpioDriverKind.Libgpiod => typeof(LibGpiodDriver),
        GpioDriverKind.LibgpiodV2 => typeof(LibGpiodV2Driver),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a GPIO driver"),
    };

    private static GpioDriver CreateDriver(GpioDriverKind kind, int chip)
    {
        try
        {
            return (GpioDriver)Activator.CreateInstance(DriverType(kind), chip)!;
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            throw ex.InnerException;
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
