using System.Device.Gpio;
using System.Device.I2c;
using System.Device.Pwm;

namespace AmpsDevice.FirmwareHost.Hardware;

/// <summary>
/// Opens the platform's buses and lines. <see cref="SystemHardwareFactory"/> opens the Pi's;
/// <c>Simulated.SimulatedHardwareFactory</c> opens the simulator's. Everything above is the same code.
/// </summary>
public interface IHardwareFactory
{
    /// <summary>An I2C device on bus <paramref name="busId"/> (i2c-N). Throws <see cref="DeviceIoException"/> when the bus is missing.</summary>
    I2cDevice OpenI2c(int busId, int address);

    /// <summary>The GPIO controller. Throws <see cref="DeviceIoException"/> when there is none.</summary>
    GpioController OpenGpio();

    /// <summary>A hardware PWM channel, created stopped at the given frequency and duty (0..1).</summary>
    PwmChannel OpenPwm(int chip, int channel, int frequencyHz, double dutyCycle);
}
