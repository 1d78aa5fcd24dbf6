using System.Device.Gpio;

namespace AmpsDevice.Simulator.Bus;

/// <summary>
/// A <see cref="GpioDriver"/> for the simulated device's 28 header GPIOs (BCM numbering).
/// Inputs are driven by the simulator (<see cref="SetInput"/>: a contact to GND, or open);
/// an open contact reads as the pin's pull: the internal one set by the pin mode, else the
/// board's (<see cref="SetBoardPull"/>). Outputs are observable (<see cref="IsHigh"/>); a pin
/// not driven as an output reads its board pull, so a released line shows what the pull-down does.
/// </summary>
public sealed class SimulatedGpioDriver : GpioDriver
{
    public const int HeaderPinCount = 28;

    private readonly PinState[] _pins = new PinState[HeaderPinCount];
    private readonly Action _beforeAccess;
    private readonly Action<int> _outputChanged;
    private readonly DeviceGate _gate;

    /// <param name="beforeAccess">Called before every pin access, with the gate held (the device brings its physics up to date).</param>
    /// <param name="gate">The gate every access runs under (default: a lock of its own).</param>
    /// <param name="outputChanged">Called with the pin, the gate held, when a write changes an output's level (an edge on the header).</param>
    public SimulatedGpioDriver(Action? beforeAccess = null, DeviceGate? gate = null, Action<int>? outputChanged = null)
    {
        _beforeAccess = beforeAccess ?? (static () => { });
        _outputChanged = outputChanged ?? (static _ => { });
        _gate = gate ?? DeviceGate.Locking();
        for (var i = 0; i < _pins.Length; i++)
        {
            _pins[i] = new PinState();
        }
    }

    protected override int PinCount => HeaderPinCount;

    /// <summary>The pin is claimed by a controller.</summary>
    public bool IsOpen(int pin)
    {
        using (_gate.Enter())
        {
            return Pin(pin).Open;
        }
    }

    /// <summary>The level the pin is at, as a meter on the header would see it.</summary>
    public bool IsHigh(int pin)
    {
        using (_gate.Enter())
        {
            return Level(Pin(pin)) == PinValue.High;
        }
    }

    /// <summary><see cref="IsHigh"/> for a caller that holds the gate (the device stepping its physics).</summary>
    internal bool IsHighInsideGate(int pin) => Level(Pin(pin)) == PinValue.High;

    /// <summary>The pin is open and driven as an output.</summary>
    public bool IsOutput(int pin)
    {
        using (_gate.Enter())
        {
            var state = Pin(pin);
            return state.Open && state.Mode == PinMode.Output;
        }
    }

    /// <summary>What the outside world drives onto an input: Low = a closed contact to GND, null = open (floats to its pull).</summary>
    public void SetInput(int pin, PinValue? driven)
    {
        PinChangeEventHandler? handlers;
        PinEventTypes change;
        using (_gate.Enter())
        {
            _beforeAccess();
            var state = Pin(pin);
            var before = Level(state);
            state.Driven = driven;
            var after = Level(state);
            handlers = state.Callbacks;
            change = before == after ? PinEventTypes.None : after == PinValue.High ? PinEventTypes.Rising : PinEventTypes.Falling;
        }

        if (change != PinEventTypes.None)
        {
            handlers?.Invoke(this, new PinValueChangedEventArgs(change, pin));
        }
    }

    /// <summary>A resistor on the board: what the pin reads or sits at when nothing drives it.</summary>
    public void SetBoardPull(int pin, PinValue level)
    {
        using (_gate.Enter())
        {
            Pin(pin).BoardPull = level;
        }
    }

    protected override void OpenPin(int pinNumber)
    {
        using (_gate.Enter())
        {
            _beforeAccess();
            var state = Pin(pinNumber);
            state.Open = true;
            state.Mode = PinMode.Input;
        }
    }

    protected override void ClosePin(int pinNumber)
    {
        using (_gate.Enter())
        {
            _beforeAccess();
            var state = Pin(pinNumber);
            state.Open = false;
            state.Mode = PinMode.Input;
            state.Output = PinValue.Low;
            state.Callbacks = null;
        }
    }

    protected override void SetPinMode(int pinNumber, PinMode mode)
    {
        if (!IsPinModeSupported(pinNumber, mode))
        {
            throw new InvalidOperationException($"GPIO{pinNumber}: mode {mode} is not supported");
        }

        using (_gate.Enter())
        {
            _beforeAccess();
            Pin(pinNumber).Mode = mode;
        }
    }

    protected override void SetPinMode(int pinNumber, PinMode mode, PinValue initialValue)
    {
        using (_gate.Enter())
        {
            _beforeAccess();
            // The level is latched before the line turns into an output: no glitch high.
            Pin(pinNumber).Output = initialValue;
        }

        SetPinMode(pinNumber, mode);
    }

    protected override PinMode GetPinMode(int pinNumber)
    {
        using (_gate.Enter())
        {
            return Pin(pinNumber).Mode;
        }
    }

    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) =>
        pinNumber is >= 0 and < HeaderPinCount && mode is PinMode.Input or PinMode.InputPullUp or PinMode.InputPullDown or PinMode.Output;

    protected override PinValue Read(int pinNumber)
    {
        using (_gate.Enter())
        {
            _beforeAccess();
            return Level(Pin(pinNumber));
        }
    }

    protected override void Write(int pinNumber, PinValue value)
    {
        using (_gate.Enter())
        {
            _beforeAccess();
            var state = Pin(pinNumber);
            if (!state.Open)
            {
                throw new InvalidOperationException($"GPIO{pinNumber} is not open");
            }

            var edge = state.Mode == PinMode.Output && state.Output != value;
            state.Output = value;
            if (edge)
            {
                _outputChanged(pinNumber);
            }
        }
    }

    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken)
    {
        // Edges are delivered through callbacks only; waiting returns at cancellation.
        cancellationToken.WaitHandle.WaitOne();
        return new WaitForEventResult { TimedOut = true, EventTypes = PinEventTypes.None };
    }

    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback)
    {
        using (_gate.Enter())
        {
            Pin(pinNumber).Callbacks += callback;
        }
    }

    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback)
    {
        using (_gate.Enter())
        {
            Pin(pinNumber).Callbacks -= callback;
        }
    }

    public override GpioChipInfo GetChipInfo() => new(0, "gpiochip0", "AmpsDevice simulator", HeaderPinCount);

    private PinState Pin(int pin)
    {
        if (pin is < 0 or >= HeaderPinCount)
        {
            throw new ArgumentOutOfRangeException(nameof(pin), pin, $"GPIO{pin} is not a header GPIO (0..{HeaderPinCount - 1})");
        }

        return _pins[pin];
    }

    private static PinValue Level(PinState state)
    {
        if (state.Open && state.Mode == PinMode.Output)
        {
            return state.Output;
        }

        if (state.Driven is { } driven)
        {
            return driven;
        }

        if (state.Open && state.Mode == PinMode.InputPullUp)
        {
            return PinValue.High;
        }

        if (state.Open && state.Mode == PinMode.InputPullDown)
        {
            return PinValue.Low;
        }

        return state.BoardPull;
    }

    private sealed class PinState
    {
        public bool Open;
        public PinMode Mode = PinMode.Input;
        public PinValue Output = PinValue.Low;
        public PinValue? Driven;
        public PinValue BoardPull = PinValue.Low;
        public PinChangeEventHandler? Callbacks;
    }
}
