using AmpsDevice.Simulator.Time;

namespace AmpsDevice.Simulator.Bus;

/// <summary>
/// One I2C bus (i2c-N): address → chip. A transfer to an address where nothing answers, or whose
/// chip is disconnected, fails with an <see cref="IOException"/> as the Linux i2c-dev driver's does
/// (errno 121, Remote I/O error: no ACK). A bus error makes every transfer fail until it clears;
/// a pending stall makes the next transfer take that long.
/// </summary>
public sealed class SimulatedI2cBus
{
    private readonly Dictionary<int, II2cTarget> _targets = [];
    private readonly HashSet<int> _disconnected = [];
    private readonly TimeProvider _time;
    private readonly Action _beforeTransfer;
    private readonly DeviceGate _gate;
    private long _busErrorUntil = long.MinValue;
    private long _pendingStallTicks; // TimeSpan ticks; read without the gate on every transfer

    /// <param name="busId">The N of i2c-N.</param>
    /// <param name="time">Bus-error durations and stalls run on this clock.</param>
    /// <param name="beforeTransfer">Called before every transfer, with the gate held (the device brings its physics up to date).</param>
    /// <param name="gate">The gate every transfer runs under (the device's, so chips and physics are consistent; default: a lock of its own).</param>
    public SimulatedI2cBus(int busId, TimeProvider time, Action? beforeTransfer = null, DeviceGate? gate = null)
    {
        BusId = busId;
        _gate = gate ?? DeviceGate.Locking();
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _beforeTransfer = beforeTransfer ?? (static () => { });
    }

    public int BusId { get; }

    /// <summary>Transfers attempted, and those that failed (for tests and reports).</summary>
    public long Transfers { get; private set; }

    public long FailedTransfers { get; private set; }

    /// <summary>Puts a chip at <paramref name="address"/>.</summary>
    public void Attach(int address, II2cTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!_targets.TryAdd(address, target))
        {
            throw new InvalidOperationException($"i2c-{BusId}: address 0x{address:X2} is already taken");
        }
    }

    /// <summary>The chip at an address, if any.</summary>
    public II2cTarget? TargetAt(int address) => _targets.GetValueOrDefault(address);

    /// <summary>The chip at <paramref name="address"/> stops (or resumes) answering.</summary>
    public void SetDisconnected(int address, bool disconnected)
    {
        using (_gate.Enter())
        {
            if (disconnected)
            {
                _disconnected.Add(address);
            }
            else
            {
                _disconnected.Remove(address);
            }
        }
    }

    public bool IsDisconnected(int address)
    {
        using (_gate.Enter())
        {
            return _disconnected.Contains(address);
        }
    }

    /// <summary>Every transfer fails for <paramref name="duration"/> (null: until <see cref="ClearBusError"/>).</summary>
    public void InjectBusError(TimeSpan? duration)
    {
        using (_gate.Enter())
        {
            _busErrorUntil = duration is { } d ? _time.GetTimestamp() + (long)(d.TotalSeconds * _time.TimestampFrequency) : long.MaxValue;
        }
    }

    public void ClearBusError()
    {
        using (_gate.Enter())
        {
            _busErrorUntil = long.MinValue;
        }
    }

    /// <summary>A bus error is in force now.</summary>
    public bool HasBusError
    {
        get
        {
            using (_gate.Enter())
            {
                return _time.GetTimestamp() < _busErrorUntil;
            }
        }
    }

    /// <summary>The next transfer takes <paramref name="stall"/> (a virtual clock is advanced, a real one slept).</summary>
    public void StallNextTransfer(TimeSpan stall)
    {
        Interlocked.Add(ref _pendingStallTicks, stall.Ticks);
    }

    /// <summary>
    /// Runs one transfer to <paramref name="address"/>: a write, a read, or a write then a read with a
    /// repeated start. Throws <see cref="IOException"/> when nothing answers or the bus is in error.
    /// </summary>
    internal void Transfer(int address, ReadOnlySpan<byte> write, Span<byte> read, bool isWrite, bool isRead)
    {
        // A stall is rare: the common transfer only reads the field.
        var stall = Volatile.Read(ref _pendingStallTicks) == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(Interlocked.Exchange(ref _pendingStallTicks, 0));
        if (stall > TimeSpan.Zero)
        {
            if (_time is VirtualTimeProvider virtualTime)
            {
                virtualTime.Advance(stall);
            }
            else
            {
                Thread.Sleep(stall);
            }
        }

        using (_gate.Enter())
        {
            _beforeTransfer();
            Transfers++;
            if (_time.GetTimestamp() < _busErrorUntil)
            {
                FailedTransfers++;
                throw new IOException($"Error 5 performing I2C data transfer on i2c-{BusId} (bus error: SDA held low)");
            }

            if (!_targets.TryGetValue(address, out var target) || _disconnected.Contains(address))
            {
                FailedTransfers++;
                throw new IOException($"Error 121 performing I2C data transfer on i2c-{BusId} 0x{address:X2} (no ACK)");
            }

            if (isWrite)
            {
                target.Write(write);
            }

            if (isRead)
            {
                target.Read(read);
            }
        }
    }
}
