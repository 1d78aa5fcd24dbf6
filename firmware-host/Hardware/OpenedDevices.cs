using AmpsDevice.FirmwareHost.Hardware.Chips.Pca9685;
using AmpsDevice.FirmwareHost.Hardware.Chips.Tmp117;
using System.Device.Gpio;

namespace AmpsDevice.FirmwareHost.Hardware;

/// <summary>
/// Every bus, chip and line of the device, as <see cref="DeviceOpener"/> opened them and named them.
/// Filled in the opening order, so after a failed open the parts not reached yet are null.
/// Disposing releases them in the reverse order (the board's pull-downs then hold every output off).
/// </summary>
internal sealed class OpenedDevices : IDisposable
{
    private readonly List<IDisposable> _owned = [];

    public OpenedDevices(HardwareOptions options)
    {
        var pads = options.Pads.Count;
        Options = options;
        Bridges = new HBridge[pads];
        Tactors = new Tactor[options.Vibration.Count];
        ControlSensors = new Tmp117[pads];
        ControlSensorNames = new string[pads];
    }

    /// <summary>The map the devices were opened from.</summary>
    public HardwareOptions Options { get; }

    public GpioController? Gpio { get; set; }

    /// <summary>Gates the actuator rail in hardware.</summary>
    public DigitalOutput? Master { get; set; }

    /// <summary>Holds the actuator rails while it toggles (the charge pump on it).</summary>
    public Heartbeat? Heartbeat { get; set; }

    public Pca9685? Pwm { get; set; }

    /// <summary>One per pad; null until opened.</summary>
    public HBridge?[] Bridges { get; }

    /// <summary>One per vibration channel; null until opened.</summary>
    public Tactor?[] Tactors { get; }

    public DigitalOutput? StatusLed { get; set; }

    public DigitalOutput? Buzzer { get; set; }

    public FailActiveInput? EStop { get; set; }

    public FailActiveInput? PatientStop { get; set; }

    public ActiveLowButton? StartButton { get; set; }

    /// <summary>K1's mirror contact: active (high) while a main pole is closed, or when its line is broken.</summary>
    public FailActiveInput? RailMonitor { get; set; }

    /// <summary>One per pad; null until opened.</summary>
    public Tmp117?[] ControlSensors { get; }

    /// <summary>How errors name each pad's control sensor.</summary>
    public string[] ControlSensorNames { get; }

    /// <summary>The NTCs and tactor currents, on the safety bus.</summary>
    public AdcScan? SafetyAdc { get; set; }

    /// <summary>The FSRs, on the main bus.</summary>
    public AdcScan? ForceAdc { get; set; }

    /// <summary>Takes ownership of <paramref name="disposable"/>: released by <see cref="Dispose"/>.</summary>
    public T Own<T>(T disposable)
        where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    public void Dispose()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            try
            {
                _owned[i].Dispose();
            }
            catch (Exception)
            {
                // Released as far as possible; the pull-downs hold every output off.
            }
        }

        _owned.Clear();
    }
}
