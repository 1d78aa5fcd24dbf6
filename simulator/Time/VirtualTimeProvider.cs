namespace AmpsDevice.Simulator.Time;

/// <summary>
/// A clock that only moves when told to. <c>simulate</c> and the tests drive the control loop and
/// the physics with it, so an hour-long session runs in a fraction of a second and the same seed
/// gives the same result. Timers are not supported: everything in virtual time is stepped explicitly.
/// </summary>
public sealed class VirtualTimeProvider : TimeProvider
{
    /// <summary>Ticks of <see cref="GetTimestamp"/> per second (100 ns resolution, like <see cref="TimeSpan"/>).</summary>
    public const long Frequency = TimeSpan.TicksPerSecond;

    private readonly DateTimeOffset _epoch;
    private long _elapsedTicks;

    public VirtualTimeProvider(DateTimeOffset epoch) => _epoch = epoch;

    /// <summary>A fixed epoch, so reports do not depend on when they were made.</summary>
    public VirtualTimeProvider() : this(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)) { }

    public override long TimestampFrequency => Frequency;

    public override long GetTimestamp() => Volatile.Read(ref _elapsedTicks);

    public override DateTimeOffset GetUtcNow() => _epoch.AddTicks(GetTimestamp());

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>Time since the epoch.</summary>
    public TimeSpan Elapsed => TimeSpan.FromTicks(GetTimestamp());

    /// <summary>Moves the clock forward; never backward.</summary>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Interlocked.Add(ref _elapsedTicks, by.Ticks);
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        throw new NotSupportedException("Virtual time is stepped explicitly; timers are not available on it.");
}
