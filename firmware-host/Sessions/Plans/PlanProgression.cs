using System.Collections.Concurrent;
using System.Threading.Channels;
using AmpsDevice.Protocol.Plans;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AmpsDevice.FirmwareHost.Sessions.Plans;

/// <summary>
/// Applies a plan's progression rules after each of its sessions on the device. The session controller
/// announces a plan session (<see cref="Expect"/>) before handing it to the engine; on the control thread
/// this observer only enqueues that session's events; off it, they are folded into a
/// <see cref="PlanSessionTally"/> and, when the session has ended, the rules are applied and the patient's
/// plan record is written (<see cref="PlanStore.RecordSession"/>). Sessions without a plan are not seen.
/// The composition attaches it to the session engine.
/// </summary>
public sealed partial class PlanProgression : BackgroundService, ISessionObserver
{
    private readonly ConcurrentDictionary<string, (string PatientId, PlanSessionTally Tally)> _expected = new(StringComparer.Ordinal);
    private readonly Channel<SessionEvent> _queue = Channel.CreateUnbounded<SessionEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly PlanStore _store;
    private readonly ILogger<PlanProgression> _logger;

    public PlanProgression(PlanStore store, ILogger<PlanProgression> logger)
    {
        _store = store;
        _logger = logger;
    }

    /// <summary>Raised (off the control thread) after a plan session was recorded, with the patient id and its history line.</summary>
    public event Action<string, PlanHistoryEntry>? Recorded;

    /// <summary>A session of <paramref name="patientId"/>'s plan at <paramref name="level"/> is about to start.</summary>
    public void Expect(string sessionId, string patientId, int level) => _expected[sessionId] = (patientId, new PlanSessionTally(sessionId, level));

    /// <summary>The announced session was refused and will not run.</summary>
    public void Forget(string sessionId) => _expected.TryRemove(sessionId, out _);

    public void OnSessionEvent(SessionEvent sessionEvent)
    {
        if (sessionEvent.Session.SessionId is { } id && _expected.ContainsKey(id))
        {
            _queue.Writer.TryWrite(sessionEvent);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                Drain();
            }
        }
        catch (OperationCanceledException)
        {
        }

        Drain(); // a session recorded as stopped at shutdown still moves the plan
    }

    /// <summary>Folds every queued event; records each plan session that has ended.</summary>
    public void Drain()
    {
        while (_queue.Reader.TryRead(out var e))
        {
            if (e.Session.SessionId is not { } id || !_expected.TryGetValue(id, out var expected))
            {
                continue;
            }

            expected.Tally.Add(e);
            if (expected.Tally.Ended is { } ended)
            {
                _expected.TryRemove(id, out _);
                Record(expected.PatientId, ended);
            }
            else if (e.Kind is Protocol.Messages.EventKind.SessionStopped or Protocol.Messages.EventKind.SafetyStop or Protocol.Messages.EventKind.SessionCompleted)
            {
                _expected.TryRemove(id, out _); // stopped before it ever ran: nothing to count
            }
        }
    }

    private void Record(string patientId, PlanSession session)
    {
        try
        {
            var (entry, error) = _store.RecordSession(patientId, session);
            if (entry is null)
            {
                LogNotRecorded(_logger, session.SessionId, patientId, error);
                return;
            }

            LogRecorded(_logger, session.SessionId, patientId, entry.Level, entry.LevelAfter, entry.Rule);
            Recorded?.Invoke(patientId, entry);
        }
        catch (IOException ex)
        {
            LogWriteFailed(_logger, session.SessionId, patientId, ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            LogWriteFailed(_logger, session.SessionId, patientId, ex);
        }
    }

    [LoggerMessage(EventId = 2401, Level = LogLevel.Information, Message = "Plan session {SessionId} of {PatientId}: level {Level} -> {LevelAfter} ({Rule})")]
    private static partial void LogRecorded(ILogger logger, string sessionId, string patientId, int level, int levelAfter, string rule);

    [LoggerMessage(EventId = 2402, Level = LogLevel.Warning, Message = "Plan session {SessionId} of {PatientId} was not applied to the plan: {Error}")]
    private static partial void LogNotRecorded(ILogger logger, string sessionId, string patientId, string? error);

    [LoggerMessage(EventId = 2403, Level = LogLevel.Error, Message = "Plan session {SessionId} of {PatientId}: the plan record could not be written")]
    private static partial void LogWriteFailed(ILogger logger, string sessionId, string patientId, Exception ex);
}
