using System.Device.Pwm;

namespace AmpsDevice.Simulator.Bus;

/// <summary>
/// One hardware PWM channel (pwmchipN channel M). Stopped, the output idles low. Disposing it
/// unexports it like the sysfs driver: the output stops; the simulator keeps the channel and may
/// hand it out again.
/// </summary>
public sealed class SimulatedPwmChannel : PwmChannel
{
    private readonly Action _beforeAccess;
    private readonly DeviceGate _gate;
    private int _frequency = 1000;
    private double _dutyCycle;
    private bool _running;

    public SimulatedPwmChannel(int chip, int channel, Action? beforeAccess = null, DeviceGate? gate = null)
    {
        Chip = chip;
        Channel = channel;
        _beforeAccess = beforeAccess ?? (static () => { });
        _gate = gate ?? DeviceGate.Locking();
    }

    public int Chip { get; }

    public int Channel { get; }

    public override int Frequency
    {
        get
        {
            using (_gate.Enter())
            {
                return _frequency;
            }
        }

        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            using (_gate.Enter())
            {
                _beforeAccess();
                _frequency = value;
            }
        }
    }

    public override double DutyCycle
    {
        get
        {
            using (_gate.Enter())
            {
                return _dutyCycle;
            }
        }

        set
        {
            if (!(value >= 0 && value <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "duty cycle must be within 0..1");
            }

            using (_gate.Enter())
            {
                _beforeAccess();
                _dutyCycle = value;
            }
        }
    }

    /// <summary>The output is toggling (Start called, not stopped or disposed).</summary>
    public bool IsRunning
    {
        get
        {
            using (_gate.Enter())
            {
                return _running;
            }
        }
    }

    /// <summary>Duty the output really has: 0 while stopped.</summary>
    public double EffectiveDutyCycle
    {
        get
        {
            using (_gate.Enter())
            {
                return _running ? _dutyCycle : 0;
            }
        }
    }

    /// <summary><see cref="EffectiveDutyCycle"/> for a caller that holds the gate (the device stepping its physics).</summary>
    internal double EffectiveDutyCycleInsideGate => _running ? _dutyCycle : 0;

    /// <summary><see cref="Frequency"/> for a caller that holds the gate.</summary>
    internal int FrequencyInsideGate => _frequency;

    /// <summary>Re-opens the channel with a frequency and duty, stopped (what PwmChannel.Create does).</summary>
    public void Reset(int frequency, double dutyCycle)
    {
        using (_gate.Enter())
        {
            _beforeAccess();
            _running = false;
            _frequency = frequency;
            _dutyCycle = dutyCycle;
        }
    }

    public override void Start()
    {
        using (_gate.Enter())
        {
            _beforeAccess();
            _running = true;
        }
    }

    public override void Stop()
    {
        using (_gate.Enter())
        {
            _beforeAccess();
            _running = false;
        }
    }

    protected override void Dispose(bool disposing)
    {
        Stop();
        base.Dispose(disposing);
    }
}
