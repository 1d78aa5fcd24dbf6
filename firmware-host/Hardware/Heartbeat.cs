using System.Device.Gpio;

namespace AmpsDevice.FirmwareHost.Hardware;

/// <summary>
/// The heartbeat output: one edge per control tick that wrote the outputs. A charge pump on the line holds the
/// actuator rails' contactor only while edges keep coming, so a hung loop, a dead process or a released or stuck
/// line drops both rails within the circuit's drop time (250 ms by design, docs/hardware.md). Only
/// <see cref="ActuatorWriter.Write"/> toggles it, on the control loop's own thread: no timer, no other thread, so
/// the edges prove the loop is alive. Opened low.
/// </summary>
internal sealed class Heartbeat(GpioController gpio, int pin)
{
    private readonly DigitalOutput _line = new(gpio, pin);
    private bool _high;

    public int Pin => _line.Pin;

    /// <summary>One edge: the line goes to the other level.</summary>
    public void Toggle()
    {
        _line.Set(!_high);
        _high = !_high;
    }

    /// <summary>Low, and no more edges until the next <see cref="Toggle"/>: the pump discharges and the rails drop.</summary>
    public void Stop()
    {
        _high = false;
        _line.Set(false);
    }
}
