using System.Collections.Concurrent;
using System.Threading.Channels;
using AmpsDevice.Dashboard.Devices;
using AmpsDevice.Dashboard.Hosting;
using AmpsDevice.Dashboard.Storage;
using Microsoft.Extensions.Options;

namespace AmpsDevice.Dashboard.History;

/// <summary>
/// The clinic's historian: takes every status, telemetry, session and event message off the MQTT receive path into
/// a queue (the receive path never waits for the database, so one device never holds up another), writes them in
/// batches of one transaction each (<see cref="HistoryWriter"/>), and only then acknowledges them to the broker.
/// A message not yet committed when the dashboard stops or dies is therefore still the broker's: the persistent
/// session delivers it again at the next start and the keyed inserts store it once.
/// </summary>
public sealed partial class HistoryRecorder : BackgroundService, IDeviceMessageSink
{
    private readonly HistoryWriter _writer;
    private readonly Database _database;
    private readonly DeviceRegistry _registry;
    private readonly HistoryOptions _options;
    private readonly ILogger<HistoryRecorder> _logger;
    private readonly Channel<(DeviceMessage Message, Func<Task> Acknowledge)> _queue;
    private readonly CancellationTokenSource _abort = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _refusedLogged = new(StringComparer.Ordinal);
    private volatile bool _stopping;
    private long _stored;

    public HistoryRecorder(HistoryWriter writer, Database database, DeviceRegistry registry, IOptions<HistoryOptions> options, ILogger<HistoryRecorder> logger)
    {
        _writer = writer;
        _database = database;
        _registry = registry;
        _options = options.Value;
        _logger = logger;
        _queue = Channel.CreateBounded<(DeviceMessage, Func<Task>)>(new BoundedChannelOptions(_options.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Messages committed since start (for the log and the tests).</summary>
    public long Stored => Interlocked.Read(ref _stored);

    public bool Take(DeviceMessage message, Func<Task> acknowledge)
    {
        if (message.Kind is not (TopicKind.Status or TopicKind.Telemetry or TopicKind.Session or TopicKind.Events))
        {
            return false;
        }

        if (_registry.Find(message.DeviceId) is not { IdValid: true })
        {
            LogRefusedOnce(message.DeviceId, message.Kind, "not a device the dashboard tracks (invalid id, or over Dashboard:MaxDevices)");
            return false;
        }

        if (_stopping || !_queue.Writer.TryWrite((message, acknowledge)))
        {
            // Not acknowledged: the broker keeps it in this client's session and delivers it again after a restart.
            if (!_stopping)
            {
                LogRefusedOnce(message.DeviceId, message.Kind, $"the history queue is full ({_options.QueueCapacity}); left to the broker");
            }

            return true;
        }

        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = _queue.Reader;
        var batch = new List<(DeviceMessage Message, Func<Task> Acknowledge)>(_options.MaxBatch);
        try
        {
            while (await reader.WaitToReadAsync(_abort.Token))
            {
                while (batch.Count < _options.MaxBatch && reader.TryRead(out var item))
                {
                    batch.Add(item);
                }

                await WriteAsync(batch, _abort.Token);
                foreach (var (_, acknowledge) in batch)
                {
                    try
                    {
                        await acknowledge();
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        // The connection dropped: the broker delivers it again and the keyed insert ignores it.
                        LogAckFailed(_logger, ex.Message);
                    }
                }

                Interlocked.Add(ref _stored, batch.Count);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
            // stopping without a database: what was not written was not acknowledged either
        }
    }

    /// <summary>Stops taking messages, writes and acknowledges what is queued (bounded by the host's shutdown timeout), then stops.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        _queue.Writer.TryComplete();
        await using var registration = cancellationToken.Register(_abort.Cancel);
        await base.StopAsync(cancellationToken);
        LogStopped(_logger, Stored);
    }

    public override void Dispose()
    {
        base.Dispose();
        _abort.Dispose();
    }

    /// <summary>
    /// Writes the batch, waiting out a database that does not answer (nothing is acknowledged meanwhile). When the
    /// database answers but the batch fails, the messages are written one by one and the ones it refuses are logged,
    /// naming the device, and dropped, so that one bad message never holds up the others.
    /// </summary>
    private async Task WriteAsync(List<(DeviceMessage Message, Func<Task> Acknowledge)> batch, CancellationToken ct)
    {
        var delay = _options.RetryMinDelay;
        while (true)
        {
            try
            {
                await _writer.WriteAsync(batch.ConvertAll(b => b.Message), ct);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                if (await DatabaseAnswersAsync(ct))
                {
                    await WriteOneByOneAsync(batch, ct);
                    return;
                }

                LogUnavailable(_logger, _database.Description, batch.Count, delay.TotalSeconds, ex.Message);
                await Task.Delay(delay, ct);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.RetryMaxDelay.Ticks));
            }
        }
    }

    private async Task WriteOneByOneAsync(List<(DeviceMessage Message, Func<Task> Acknowledge)> batch, CancellationToken ct)
    {
        foreach (var (message, _) in batch)
        {
            try
            {
                await _writer.WriteAsync([message], ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRefusedOnce(message.DeviceId, message.Kind, "the database refused it: " + ex.Message);
            }
        }
    }

    private async Task<bool> DatabaseAnswersAsync(CancellationToken ct)
    {
        try
        {
            await using var connection = await _database.OpenAsync(ct);
            return await connection.ScalarAsync("SELECT 1", ct) == 1;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>One line per device per minute: a device that keeps sending what cannot be kept cannot flood the log.</summary>
    private void LogRefusedOnce(string deviceId, TopicKind kind, string reason)
    {
        var now = DateTimeOffset.UtcNow;
        if (_refusedLogged.TryGetValue(deviceId, out var last) && now - last < TimeSpan.FromMinutes(1))
        {
            return;
        }

        if (_refusedLogged.Count > 10_000)
        {
            _refusedLogged.Clear();
        }

        _refusedLogged[deviceId] = now;
        LogRefused(_logger, LogText.Safe(deviceId), kind.ToString().ToLowerInvariant(), LogText.Safe(reason));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Device {DeviceId}: {Kind} message not kept in the history: {Reason}")]
    private static partial void LogRefused(ILogger logger, string deviceId, string kind, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "History: the database ({Database}) does not answer; {Count} messages wait unacknowledged, retrying in {DelayS:0.#} s: {Error}")]
    private static partial void LogUnavailable(ILogger logger, string database, int count, double delayS, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "History: acknowledgement not sent ({Error}); the broker will deliver the message again")]
    private static partial void LogAckFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "History: stopped after storing {Count} messages")]
    private static partial void LogStopped(ILogger logger, long count);
}
