using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AmpsDevice.FirmwareHost.Sessions.Records;

/// <summary>
/// Runs the <see cref="RecordWriter"/> off the control thread in the device service: at start marks the
/// sessions a power cut or crash left open as interrupted; then commits what the recorder handed over
/// every <see cref="CommitInterval"/> (so a power cut loses less than a second); on stop, after the control
/// loop has recorded the session's end, commits the rest.
/// </summary>
public sealed partial class RecordService : BackgroundService
{
    /// <summary>Time between commits: half the "at most the last second" a power cut may lose.</summary>
    public static readonly TimeSpan CommitInterval = TimeSpan.FromMilliseconds(500);

    private readonly RecordStore _store;
    private readonly RecordWriter _writer;
    private readonly SessionRecorder _recorder;
    private long _reportedDrops;
    private readonly TimeProvider _time;
    private readonly ILogger<RecordService> _logger;

    public RecordService(RecordStore store, RecordWriter writer, SessionRecorder recorder, TimeProvider time, ILogger<RecordService> logger)
    {
        _recorder = recorder;
        _store = store;
        _writer = writer;
        _time = time;
        _logger = logger;
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var id in _store.MarkInterrupted())
        {
            LogInterrupted(id, _store.Path);
        }

        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(CommitInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                Flush();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        Flush(); // the file is closed (and its WAL checkpointed) when the host disposes the store
    }

    private void Flush()
    {
        try
        {
            _writer.Flush();
            var dropped = _recorder.DroppedSamples;
            if (dropped > _reportedDrops)
            {
                LogSamplesDropped(dropped - _reportedDrops, _store.Path);
                _reportedDrops = dropped;
            }
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex)
        {
            // Disk full or failing card: the session goes on safely; the therapist must know its record is incomplete.
            LogWriteFailed(ex, _store.Path);
        }
    }

    [LoggerMessage(EventId = 400, Level = LogLevel.Warning, Message = "Session {SessionId} in {Path} had no end: marked interrupted (power cut or crash)")]
    private partial void LogInterrupted(string sessionId, string path);

    [LoggerMessage(EventId = 402, Level = LogLevel.Warning, Message = "{Count} samples were dropped before they reached {Path}: the writer fell a minute behind (a slow or failing card?)")]
    private partial void LogSamplesDropped(long count, string path);

    [LoggerMessage(EventId = 401, Level = LogLevel.Error, Message = "Writing session records to {Path} failed; the running session's record is incomplete")]
    private partial void LogWriteFailed(Exception ex, string path);
}
