using AmpsDevice.FirmwareHost.Control;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AmpsDevice.FirmwareHost.Telemetry;

/// <summary>
/// Takes samples from the <see cref="TickSampleRing"/> in batches of <see cref="MqttOptions.BatchSize"/>, encodes
/// each batch as one <c>amps.telemetry/1</c> message with the next sequence number of this boot, and stores it
/// in the <see cref="Outbox"/>. A partial batch is flushed at shutdown.
/// </summary>
public sealed class TelemetryBatcher : BackgroundService
{
    private readonly TickSampleRing _ring;
    private readonly Outbox _outbox;
    private readonly DeviceIdentity _identity;
    private readonly MqttOptions _options;
    private readonly TelemetryEncoder _encoder;
    private long _seq;

    public TelemetryBatcher(TickSampleRing ring, Outbox outbox, DeviceIdentity identity, IOptions<MqttOptions> options)
    {
        _ring = ring;
        _outbox = outbox;
        _identity = identity;
        _options = options.Value;
        _encoder = new TelemetryEncoder(ring.Shape, identity.BootId);
    }

    /// <summary>The last sequence number used in this boot (0 before the first message).</summary>
    public long LastSeq => Interlocked.Read(ref _seq);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(_options.SamplePeriodS), TimeProvider.System);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                Flush(_options.BatchSize);
            }
        }
        catch (OperationCanceledException)
        {
            // stopping
        }

        Flush(1);
    }

    public override void Dispose()
    {
        base.Dispose();
        _encoder.Dispose();
    }

    /// <summary>Encodes and stores every full batch (of at least <paramref name="minimum"/> samples) waiting in the ring.</summary>
    public void Flush(int minimum)
    {
        lock (_encoder)
        {
            int available;
            while ((available = _ring.Count) >= minimum && available > 0)
            {
                var count = Math.Min(available, _options.BatchSize);
                var seq = _seq + 1;
                var payload = _encoder.Encode(_ring, count, seq, _options.SamplePeriodS, out var lateOffset);
                _outbox.Enqueue(OutboxKind.Telemetry, _identity.Topics.Telemetry, payload.Span, lateOffset);
                Interlocked.Exchange(ref _seq, seq);
                _ring.Advance(count);
            }
        }
    }
}
