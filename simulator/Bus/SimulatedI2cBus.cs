using AmpsDevice.Simulator.Time;

namespace AmpsDevice.Simulator.Bus;

/// <summary>
/// One I2C bus (i2c-N): address → chip. A transfer to an address where nothing answers, or whose
/// chip is disconnected, fails with an <see cref="IOException"/> as the Linux i2c-dev driver's does
/// (errno 121, Remote I/O error: no ACK). A bus error makes every transfer fail until it clears;
/// a pending stall makes the next transfer take that long. The chips and their disconnections are tables indexed by
/// the 7-bit address, so finding a transfer's chip costs no hashing.
/// </summary>
public sealed class SimulatedI2cBus
{
    /// <summary>7-bit addressing: addresses 0x00-0x7F.</summary>
    public const int AddressCount = 128;

    private readonly II2cTarget?[] _targets = new II2cTarget?[AddressCount];
    private readonly bool[] _disconnected = new bool[AddressCount];
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
        ThrowIfNotAnAddress(address);
        if (_targets[address] is not null)
        {
            throw new InvalidOperationException($"i2c-{BusId}: address 0x{address:X2} is already taken");
        }

        _targets[address] = target;
    }

    /// <summary>The chip at an address, if any.</summary>
    public II2cTarget? TargetAt(int address) => IsAddress(address) ? _targets[address] : null;

    /// <summary>The chip at <paramref name="address"/> stops (or resumes) answering.</summary>
    public void SetDisconnected(int address, bool disconnected)
    {
        ThrowIfNotAnAddress(address);
        using (_gate.Enter())
        {
            _disconnected[address] = disconnected;
        }
    }

    public bool IsDisconnected(int address)
    {
        ThrowIfNotAnAddress(address);
        using (_gate.Enter())
        {
            return _disconnected[address];
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
            // No bus error (the common case) needs no look at the clock.
            if (_busErrorUntil != long.MinValue && _time.GetTimestamp() < _busErrorUntil)
            {
                FailedTransfers++;
                throw new IOException($"Error 5 performing I2C data transfer on i2c-{BusId} (bus error: SDA held low)");
            }

            var target = IsAddress(address) && !_disconnected[address] ? _targets[address] : null;
            if (target is null)
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

    private static bool IsAddress(int address) => (uint)address < AddressCount;

    private static void ThrowIfNotAnAddress(int address)
    {
        if (!IsAddress(address))
        {
            throw new ArgumentOutOfRangeException(nameof(address), address, $"An I2C address is 7 bits: 0x00-0x{AddressCount - 1:X2}.");
        }
    }
}
