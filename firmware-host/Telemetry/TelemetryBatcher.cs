using AmpsDevice.FirmwareHost.Control;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AmpsDevice.FirmwareHost.Telemetry;

/// <summary>
/// Takes samples from the <see cref="TickSampleRing"/> in batches of <see cref="MqttOptions.BatchSize"/>, encodes
/// each batch as one <c>amps.telemetry/1</c> message with the next sequence number of this boot, and stores it
/// in the <see cref="Outbox"/>. It wakes when the next batch is due by the samples' own clock (<see cref="UntilNextBatch"/>),
/// not on a timer of its own: polling every sample period made the last sample of a batch wait up to a period for
/// the poll (docs/performance.md, telemetry latency). It sleeps to that moment on a thread of its own through an
/// <see cref="IClockSleeper"/>, not with <c>Task.Delay</c>, whose timer woke it 0.7 ms late at the median and 5 ms at
/// p99. A partial batch is flushed at shutdown.
/// </summary>
public sealed class TelemetryBatcher : BackgroundService
{
    /// <summary>How long after a sample is due the batcher looks for it: the control loop writes it within microseconds of its tick.</summary>
    internal static readonly TimeSpan DueMargin = TimeSpan.FromMilliseconds(1);

    /// <summary>
    /// How late a sample may come and still be looked for every millisecond. Doubling the retries from the first made
    /// a sample 8 ms past its due moment wait for the retry at 15 ms; in the bench a batch written 38 ms late was
    /// taken 39 ms after it was written (docs/performance.md). A tick of the control loop is rarely more than a few
    /// milliseconds late, even on a loaded machine.
    /// </summary>
    internal static readonly TimeSpan LateSampleAllowance = TimeSpan.FromMilliseconds(10);

    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(1);

    private readonly TickSampleRing _ring;
    private readonly Outbox _outbox;
    private readonly DeviceIdentity _identity;
    private readonly MqttOptions _options;
    private readonly TimeProvider _time;
    private readonly IClockSleeper _sleeper;
    private readonly TelemetryEncoder _encoder;
    private readonly TimeSpan _samplePeriod;
    private long _seq;
    private DateTimeOffset _lastTaken = DateTimeOffset.MinValue;
    private TimeSpan _overdueRetry;

    public TelemetryBatcher(TickSampleRing ring, Outbox outbox, DeviceIdentity identity, IOptions<MqttOptions> options, TimeProvider time,
        IClockSleeper sleeper)
    {
        _ring = ring;
        _outbox = outbox;
        _identity = identity;
        _options = options.Value;
        _time = time;
        _sleeper = sleeper;
        _encoder = new TelemetryEncoder(ring.Shape, identity.BootId);
        _samplePeriod = TimeSpan.FromSeconds(_options.SamplePeriodS);
    }

    /// <summary>The last sequence number used in this boot (0 before the first message).</summary>
    public long LastSeq => Interlocked.Read(ref _seq);

    /// <summary>
    /// Raised on the batcher's thread after each message is stored, with the moments of its way through the batcher,
    /// for the benchmarks (docs/performance.md, where a slow message's time goes).
    /// </summary>
    public event Action<BatchTiming>? Stored;

    /// <summary>
    /// Runs the batcher on a thread of its own (<see cref="TaskCreationOptions.LongRunning"/>), which sleeps to each
    /// batch's due moment through the <see cref="IClockSleeper"/>; a failure still ends the task, as the host expects of
    /// a <see cref="BackgroundService"/>.
    /// </summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => Run(stoppingToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken stoppingToken)
    {
        Thread.CurrentThread.Name = "telemetry-batcher";
        var wake = default(Wake);
        while (true)
        {
            Flush(_options.BatchSize, wake);
            var due = _time.GetTimestamp() + (long)((Int128)UntilNextBatch().Ticks * _time.TimestampFrequency / TimeSpan.TicksPerSecond);
            if (!_sleeper.SleepUntil(due, stoppingToken))
            {
                break;   // stopping
            }

            wake = new Wake(due, _time.GetTimestamp());
        }

        Flush(1);
    }

    public override void Dispose()
    {
        base.Dispose();
        _encoder.Dispose();
    }

    /// <summary>Encodes and stores every full batch (of at least <paramref name="minimum"/> samples) waiting in the ring.</summary>
    public void Flush(int minimum) => Flush(minimum, default);

    private void Flush(int minimum, Wake wake)
    {
        lock (_encoder)
        {
            int available;
            while ((available = _ring.Count) >= minimum && available > 0)
            {
                var count = Math.Min(available, _options.BatchSize);
                var seq = _seq + 1;
                var payload = _encoder.Encode(_ring, count, seq, _options.SamplePeriodS, out var lateOffset);
                var encoded = _time.GetTimestamp();
                _outbox.Enqueue(OutboxKind.Telemetry, _identity.Topics.Telemetry, payload.Span, lateOffset);
                Interlocked.Exchange(ref _seq, seq);
                _lastTaken = _ring.Peek(count - 1).ScheduledWallClock;
                _ring.Advance(count);
                Stored?.Invoke(new BatchTiming(seq, wake.Due, wake.Woke, encoded, _time.GetTimestamp()));
                wake = default;   // a second batch found on the same wake-up waited for the first, not for the wake
            }
        }
    }

    /// <summary>
    /// How long to wait for the next full batch: until the newest sample in the ring (or the last one taken) plus a
    /// sample period for each sample still missing, and <see cref="DueMargin"/> after. The newest sample counts from
    /// the moment its tick was scheduled for (<see cref="TickSampleRing.SampleView.ScheduledWallClock"/>): the loop's
    /// next ticks keep to that schedule, so a late tick's sample would put the next batch's due moment as late as the
    /// tick was, and that batch, written on time, would wait for it. The control loop is the only
    /// writer and must not wait for anyone, so it does not signal; its samples come on its clock. When that moment has
    /// passed and the batch is still short, the batcher looks again every millisecond while the batch is less than
    /// <see cref="LateSampleAllowance"/> overdue (a late tick); after that (the loop is not sampling) the wait doubles
    /// up to one sample period, the old polling rate, until the batch is complete.
    /// </summary>
    internal TimeSpan UntilNextBatch()
    {
        DateTimeOffset newest;
        int missing;
        lock (_encoder)
        {
            var count = _ring.Count;
            newest = count > 0 ? _ring.Peek(count - 1).ScheduledWallClock : _lastTaken;
            missing = _options.BatchSize - count;
        }

        if (missing <= 0)
        {
            return TimeSpan.Zero;   // a batch completed while the last one was stored
        }

        var wait = newest == DateTimeOffset.MinValue
            ? _samplePeriod
            : newest + (_samplePeriod * missing) + DueMargin - _time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            _overdueRetry = TimeSpan.Zero;
            var longest = (_samplePeriod * _options.BatchSize) + DueMargin;   // a clock set back does not stall it
            return wait < longest ? wait : longest;
        }

        _overdueRetry = _overdueRetry == TimeSpan.Zero || -wait < LateSampleAllowance ? FirstRetry : _overdueRetry * 2;
        if (_overdueRetry > _samplePeriod)
        {
            _overdueRetry = _samplePeriod;
        }

        return _overdueRetry;
    }

    /// <summary>
    /// One stored message's moments, as timestamps of the batcher's <see cref="TimeProvider"/>: when the wake-up that
    /// took it was due (the moment the batcher asked for) and when it came (both 0 when the batch was taken by a
    /// direct <see cref="Flush(int)"/> or behind another batch of the same wake-up), when it was encoded, and when
    /// the outbox had committed it.
    /// </summary>
    public readonly record struct BatchTiming(long Seq, long WakeDue, long Woke, long Encoded, long Committed);

    private readonly record struct Wake(long Due, long Woke);
}
