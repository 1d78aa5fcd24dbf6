using System.Threading.Channels;
using AmpsDevice.FirmwareHost.Telemetry;

namespace AmpsDevice.Telemetry.Tests.Support;

/// <summary>
/// An <see cref="IClockSleeper"/> for a <see cref="ManualTime"/>: each sleep is handed to the test (<see cref="NextAsync"/>,
/// with the deadline and whether a pool thread asked), which ends it with <see cref="Wake"/>: the clock moves to the
/// deadline and the sleeper returns. Stopping (the token) ends a sleep as it would in real time.
/// </summary>
public sealed class SteppedSleeper(ManualTime time) : IClockSleeper
{
    private readonly Channel<Sleep> _asked = Channel.CreateUnbounded<Sleep>();
    private readonly SemaphoreSlim _woken = new(0);

    public bool SleepUntil(long deadline, CancellationToken cancellationToken)
    {
        _asked.Writer.TryWrite(new Sleep(time.At(deadline), Thread.CurrentThread.IsThreadPoolThread));
        try
        {
            _woken.Wait(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }

        time.Now = time.At(deadline);
        return true;
    }

    /// <summary>The next sleep the sleeper was asked for (waits up to 10 s for it).</summary>
    public async Task<Sleep> NextAsync() => await _asked.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

    /// <summary>Ends the sleep under way at its deadline.</summary>
    public void Wake() => _woken.Release();

    public readonly record struct Sleep(DateTimeOffset Until, bool OnPoolThread);
}
