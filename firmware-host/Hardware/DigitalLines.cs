using System.Device.Gpio;

namespace AmpsDevice.FirmwareHost.Hardware;

/// <summary>
/// A fail-active input: a normally-closed contact to GND with a pull-up, so pressed, a broken wire
/// or an unplugged cable all read high = active (E-stop, patient stop, K1's mirror contact).
/// </summary>
public sealed class FailActiveInput
{
    private readonly GpioController _gpio;

    public FailActiveInput(GpioController gpio, int pin)
    {
        ArgumentNullException.ThrowIfNull(gpio);
        _gpio = gpio;
        Pin = pin;
        _gpio.OpenPin(pin, PinMode.InputPullUp);
    }

    public int Pin { get; }

    /// <summary>High (contact open) = active.</summary>
    public bool IsActive => _gpio.Read(Pin) == PinValue.High;
}

/// <summary>A push button: normally-open contact to GND with a pull-up, so pressed reads low.</summary>
public sealed class ActiveLowButton
{
    private readonly GpioController _gpio;

    public ActiveLowButton(GpioController gpio, int pin)
    {
        ArgumentNullException.ThrowIfNull(gpio);
        _gpio = gpio;
        Pin = pin;
        _gpio.OpenPin(pin, PinMode.InputPullUp);
    }

    public int Pin { get; }

    public bool IsPressed => _gpio.Read(Pin) == PinValue.Low;
}

/// <summary>An active-high output, opened driven low (off). The board pulls it down when released.</summary>
public sealed class DigitalOutput
{
    private readonly GpioController _gpio;

    public DigitalOutput(GpioController gpio, int pin)
    {
        ArgumentNullException.ThrowIfNull(gpio);
        _gpio = gpio;
        Pin = pin;
        _gpio.OpenPin(pin, PinMode.Output, PinValue.Low);
    }

    public int Pin { get; }

    /// <summary>Drives the line. Goes through the span overload, the one that allocates nothing per call.</summary>
    public void Set(bool on) => WriteLine(_gpio, Pin, on);

    /// <summary>Writes one output line without allocating (GpioController.Write(int, PinValue) allocates in 4.2).</summary>
    internal static void WriteLine(GpioController gpio, int pin, bool high)
    {
        Span<PinValuePair> pair = stackalloc PinValuePair[1];
        pair[0] = new PinValuePair(pin, high ? PinValue.High : PinValue.Low);
        gpio.Write(pair);
    }
}
