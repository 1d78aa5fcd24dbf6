namespace AmpsDevice.FirmwareHost.Safety;

/// <summary>
/// The latched alarms. Written only by the control thread (the supervisor); read from any thread
/// through <see cref="Active"/>, an immutable snapshot replaced only when the set changes.
/// Acknowledgement is requested from any thread and carried out by the control thread at its next tick.
/// </summary>
public sealed class AlarmBook
{
    private Alarm[] _active = [];
    private volatile bool _ackRequested;

    /// <summary>The alarms now latched, highest priority first.</summary>
    public IReadOnlyList<Alarm> Active => Volatile.Read(ref _active);

    public bool AnyLatched => Volatile.Read(ref _active).Length > 0;

    /// <summary>Raised on the control thread whenever the set changes; handlers must be quick.</summary>
    public event Action<IReadOnlyList<Alarm>>? Changed;

    public bool Contains(string rule, string target)
    {
        foreach (var a in Volatile.Read(ref _active))
        {
            if (a.Rule == rule && a.Target == target)
            {
                return true;
            }
        }

        return false;
    }

    internal bool Latch(Trip trip, DateTimeOffset now)
    {
        if (Contains(trip.Rule, trip.Target))
        {
            return false;
        }

        var next = Volatile.Read(ref _active)
            .Append(new Alarm(trip.Rule, trip.Target, trip.Priority, trip.Kind, trip.Message, trip.DetectedAtS, now))
            .OrderByDescending(a => a.Priority)
            .ToArray();
        Volatile.Write(ref _active, next);
        Changed?.Invoke(next);
        return true;
    }

    /// <summary>Asks the control thread to clear the latched alarms at its next tick.</summary>
    public void RequestAcknowledge() => _ackRequested = true;

    internal bool TakeAcknowledgeRequest()
    {
        if (!_ackRequested)
        {
            return false;
        }

        _ackRequested = false;
        return true;
    }

    internal void Clear()
    {
        if (Volatile.Read(ref _active).Length == 0)
        {
            return;
        }

        Volatile.Write(ref _active, []);
        Changed?.Invoke([]);
    }
}
