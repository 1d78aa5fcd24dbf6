using System.Device.Pwm;

namespace AmpsDevice.FirmwareHost.Hardware;

/// <summary>
/// A voice-coil tactor on a Pi hardware PWM channel through a logic-level MOSFET. The vibration
/// frequency is the PWM frequency; the amplitude is set by the duty cycle, D = asin(a)/π
/// (<see cref="SensorConversions.TactorDutyFromAmplitude"/>). A stopped channel idles low: coil off.
/// </summary>
public sealed class Tactor : IDisposable
{
    private readonly PwmChannel _channel;
    private bool _running;

    public Tactor(PwmChannel channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        _channel = channel;
    }

    /// <summary>Sets the vibration frequency, Hz.</summary>
    public void SetFrequency(int frequencyHz)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frequencyHz);
        _channel.Frequency = frequencyHz;
    }

    /// <summary>Sets the amplitude 0..1 of the calibrated maximum; 0 stops the PWM.</summary>
    public void SetAmplitude(double amplitude)
    {
        var duty = SensorConversions.TactorDutyFromAmplitude(amplitude);
        _channel.DutyCycle = duty;
        if (duty > 0 && !_running)
        {
            _channel.Start();
            _running = true;
        }
        else if (duty == 0)
        {
            // Stop even when we think it is stopped: DriveSafe must not trust a cached state.
            _channel.Stop();
            _running = false;
        }
    }

    /// <summary>Duty 0 and stopped.</summary>
    public void Off() => SetAmplitude(0);

    public void Dispose() => _channel.Dispose();
}
