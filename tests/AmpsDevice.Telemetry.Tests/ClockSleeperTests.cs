using System.Diagnostics;
using AmpsDevice.FirmwareHost.Telemetry;

namespace AmpsDevice.Telemetry.Tests;

/// <summary>The batcher's sleep in real time: never ends before its moment, and ends at once when the service stops.</summary>
public sealed class ClockSleeperTests
{
    private readonly ClockSleeper _sleeper = new(TimeProvider.System);

    [Theory]
    [InlineData(0.2)]   // within the spin margin: spun only
    [InlineData(1.5)]   // a retry's wait: a wait of whole milliseconds, then the spin
    [InlineData(25)]
    public void It_returns_at_its_deadline_never_before(double ms)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(ms / 1000 * Stopwatch.Frequency);

        Assert.True(_sleeper.SleepUntil(deadline, CancellationToken.None));
        Assert.True(Stopwatch.GetTimestamp() >= deadline);
    }

    [Fact]
    public void Stopping_ends_a_long_sleep_at_once()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        var started = Stopwatch.GetTimestamp();

        Assert.False(_sleeper.SleepUntil(started + (60 * Stopwatch.Frequency), stopping.Token));
        Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(30));
    }
}
