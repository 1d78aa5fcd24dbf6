using System.Device.Gpio;
using AmpsDevice.FirmwareHost.Hardware.Chips.Pca9685;

namespace AmpsDevice.FirmwareHost.Hardware;

/// <summary>
/// One Pololu G2 18v17 H-bridge driving a Peltier pad: PWM from a PCA9685 channel (magnitude),
/// DIR from a GPIO (high = heat), SLP from a GPIO (high = enabled; the board pulls it down, so a
/// released line leaves the bridge asleep with its outputs off).
/// </summary>
public sealed class HBridge
{
    private readonly Pca9685 _pwm;
    private readonly GpioController _gpio;

    public HBridge(Pca9685 pwm, int pwmChannel, GpioController gpio, int directionPin, int enablePin)
    {
        ArgumentNullException.ThrowIfNull(pwm);
        ArgumentNullException.ThrowIfNull(gpio);
        _pwm = pwm;
        _gpio = gpio;
        PwmChannel = pwmChannel;
        DirectionPin = directionPin;
        EnablePin = enablePin;
    }

    public int PwmChannel { get; }

    public int DirectionPin { get; }

    public int EnablePin { get; }

    /// <summary>Claims a bridge's enable and direction lines as outputs driven low (asleep), enable first.</summary>
    public static void OpenLinesDisabled(GpioController gpio, int directionPin, int enablePin)
    {
        ArgumentNullException.ThrowIfNull(gpio);
        gpio.OpenPin(enablePin, PinMode.Output, PinValue.Low);
        gpio.OpenPin(directionPin, PinMode.Output, PinValue.Low);
    }

    /// <summary>SLP line: true wakes the bridge.</summary>
    public void SetEnabled(bool enabled) => DigitalOutput.WriteLine(_gpio, EnablePin, enabled);

    /// <summary>DIR line: true = heat (current through the TEC so its pad side warms).</summary>
    public void SetHeating(bool heating) => DigitalOutput.WriteLine(_gpio, DirectionPin, heating);

    /// <summary>PWM duty 0..1 (the fraction of the rail applied to the TEC).</summary>
    public void SetDutyCycle(double dutyCycle) => _pwm.SetDutyCycle(PwmChannel, dutyCycle);
}
