namespace AmpsDevice.Simulator.Bus;

/// <summary>
/// What keeps the simulated device's chips, pins, channels and physics consistent: every transfer, pin or channel
/// access runs inside it (<c>using (gate.Enter())</c>). A device driven from several threads at once (the service's
/// control loop beside its command handlers, a test's thread beside a running loop) takes a re-entrant
/// <see cref="Lock"/> (<see cref="Locking"/>). A device that its owner calls one call at a time (a simulation in
/// virtual time, stepped by whoever runs it) needs no lock (<see cref="SingleCaller"/>): there, taking and releasing
/// the lock on every access was the largest single cost of a simulated tick (docs/performance.md).
/// </summary>
public sealed class DeviceGate
{
    private readonly Lock? _lock;

    private DeviceGate(Lock? gate) => _lock = gate;

    /// <summary>A gate for a device called from several threads: one re-entrant lock.</summary>
    public static DeviceGate Locking() => new(new Lock());

    /// <summary>A gate for a device that is never called from two threads at once: it holds nothing.</summary>
    public static DeviceGate SingleCaller() => new(null);

    /// <summary>Enters the gate until the returned scope is disposed.</summary>
    public Scope Enter() => _lock is null ? default : new Scope(_lock.EnterScope());

    /// <summary>The gate held; disposing it leaves.</summary>
    public ref struct Scope
    {
        private Lock.Scope _held;
        private readonly bool _locked;

        internal Scope(Lock.Scope held)
        {
            _held = held;
            _locked = true;
        }

        public void Dispose()
        {
            if (_locked)
            {
                _held.Dispose();
            }
        }
    }
}
