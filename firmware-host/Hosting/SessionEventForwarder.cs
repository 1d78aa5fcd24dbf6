using System.Text.Json;
using System.Threading.Channels;
using AmpsDevice.FirmwareHost.Safety;
using AmpsDevice.FirmwareHost.Sessions;
using AmpsDevice.FirmwareHost.Telemetry;
using AmpsDevice.Protocol.Messages;
using AmpsDevice.Protocol.Profiles;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AmpsDevice.FirmwareHost.Hosting;

/// <summary>
/// Carries session events and alarm changes off the control thread to the MQTT publisher: the control
/// thread only enqueues; this service publishes <c>events</c>, the retained <c>session</c> state
/// (also once a second while a session runs, for its time left) and the retained <c>alarms</c>: the
/// supervisor's latched alarms plus, while the outbox is over its bound, a low-priority unlatched
/// <c>outbox-over-bound</c> alarm (data is being dropped to spare the SD card; therapy can go on).
/// The composition attaches it to the session engine, the alarm book (<see cref="OnAlarmsChanged"/>) and the
/// outbox (<see cref="OnOutboxHealthChanged"/>). Each alarm that latches or clears is also written to the service's
/// log (the journal on a device), so that whoever reads it there sees why a session stopped or a start was refused.
/// </summary>
public sealed partial class SessionEventForwarder : BackgroundService, ISessionObserver
{
    private readonly Channel<object> _queue = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IDevicePublisher _publisher;
    private readonly SessionEngine _engine;
    private readonly TimeProvider _time;
    private readonly ILogger<SessionEventForwarder> _logger;
    private SessionSnapshot _last = SessionSnapshot.Idle;
    private IReadOnlyList<Alarm> _latched = [];
    private AlarmEntry? _outboxAlarm;
    private readonly ProfileJsonCache _profileJson = new();

    /// <param name="engine">Read for the session state published once a second while a session runs.</param>
    public SessionEventForwarder(IDevicePublisher publisher, SessionEngine engine, TimeProvider time, ILogger<SessionEventForwarder> logger)
    {
        _publisher = publisher;
        _engine = engine;
        _time = time;
        _logger = logger;
    }

    public void OnSessionEvent(SessionEvent sessionEvent) => _queue.Writer.TryWrite(sessionEvent);

    /// <summary>The latched alarms changed (<see cref="AlarmBook.Changed"/>).</summary>
    public void OnAlarmsChanged(IReadOnlyList<Alarm> active) => _queue.Writer.TryWrite(active);

    /// <summary>The outbox crossed its bound or came back under it (<see cref="IOutboxHealth.HealthChanged"/>).</summary>
    public void OnOutboxHealthChanged(OutboxHealth health) => _queue.Writer.TryWrite(health);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await PublishState(SessionSnapshot.Idle, stoppingToken).ConfigureAwait(false);
        await _publisher.PublishAlarmsAsync(AlarmsMessage(), stoppingToken).ConfigureAwait(false);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), _time);
        var tick = timer.WaitForNextTickAsync(stoppingToken).AsTask();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var read = _queue.Reader.WaitToReadAsync(stoppingToken).AsTask();
                var done = await Task.WhenAny(read, tick).ConfigureAwait(false);
                if (done == tick)
                {
                    await tick.ConfigureAwait(false);
                    if (_engine.State is SessionState.Running or SessionState.Paused)
                    {
                        await PublishState(_engine.Snapshot(), stoppingToken).ConfigureAwait(false);
                    }

                    tick = timer.WaitForNextTickAsync(stoppingToken).AsTask();
                    continue;
                }

                await DrainAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }

        await DrainAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private async Task DrainAsync(CancellationToken ct)
    {
        while (_queue.Reader.TryRead(out var item))
        {
            switch (item)
            {
                case SessionEvent e:
                    await _publisher.PublishEventAsync(ToDeviceEvent(e), ct).ConfigureAwait(false);
                    if (e.Session != _last)
                    {
                        await PublishState(e.Session, ct).ConfigureAwait(false);
                    }

                    break;
                case IReadOnlyList<Alarm> alarms:
                    LogChanges(_latched, alarms);
                    _latched = alarms;
                    await _publisher.PublishAlarmsAsync(AlarmsMessage(), ct).ConfigureAwait(false);
                    break;
                case OutboxHealth health when health.OverBound != (_outboxAlarm is not null):
                    _outboxAlarm = health.OverBound
                        ? new AlarmEntry("outbox-over-bound/outbox", "outbox-over-bound", "outbox", Protocol.Messages.AlarmPriority.Low,
                            $"{health.Message} Telemetry is being dropped to stay inside the outbox bound (session records are kept). Check the broker connection.",
                            Latched: false, _time.GetUtcNow())
                        : null;
                    await _publisher.PublishAlarmsAsync(AlarmsMessage(), ct).ConfigureAwait(false);
                    break;
            }
        }
    }

    private void LogChanges(IReadOnlyList<Alarm> before, IReadOnlyList<Alarm> now)
    {
        foreach (var alarm in now.Where(a => !before.Any(b => SameAlarm(a, b))))
        {
            AlarmLatched(_logger, alarm.Rule, alarm.Target, alarm.Priority, alarm.Message);
        }

        foreach (var alarm in before.Where(b => !now.Any(a => SameAlarm(a, b))))
        {
            AlarmCleared(_logger, alarm.Rule, alarm.Target);
        }
    }

    private static bool SameAlarm(Alarm a, Alarm b) => a.Rule == b.Rule && a.Target == b.Target;

    [LoggerMessage(EventId = 110, Level = LogLevel.Warning, Message = "Alarm latched: {Rule} on {Target} ({Priority}): {Message}")]
    private static partial void AlarmLatched(ILogger logger, string rule, string target, Safety.AlarmPriority priority, string message);

    [LoggerMessage(EventId = 111, Level = LogLevel.Information, Message = "Alarm cleared: {Rule} on {Target}")]
    private static partial void AlarmCleared(ILogger logger, string rule, string target);

    private ValueTask PublishState(SessionSnapshot s, CancellationToken ct)
    {
        _last = s;
        return _publisher.PublishSessionStateAsync(StateMessage(s, _time.GetUtcNow(), _profileJson.Of(s.Profile)), ct);
    }

    /// <summary>The retained <c>session</c> message of a snapshot, at <paramref name="at"/>, with the running profile as JSON.</summary>
    public static SessionStateMessage StateMessage(SessionSnapshot s, DateTimeOffset at, JsonElement? profileJson) => new(
        s.State, at, s.SessionId, s.PatientId, s.ProfileName,
        s.StepIndex < 0 ? null : s.StepIndex, s.StepCount == 0 ? null : s.StepCount,
        s.SessionId is null ? null : Math.Round(s.TimeLeftS, 1), s.SessionId is null ? null : Math.Round(s.ElapsedS, 1),
        s.ProfileId, s.SessionId is null ? null : profileJson, s.Profile?.PainStopAt,
        s.StepStartedAtS is { } started ? Math.Round(started, 1) : null);

    public static DeviceEvent ToDeviceEvent(SessionEvent e) => new(
        e.Kind, e.At, e.Session.SessionId, e.Target, e.Rule, e.Value ?? e.StepIndex, e.Message ?? e.Result,
        e.Origin?.ToString().ToLowerInvariant());

    /// <summary>The running profile as a JSON element, serialized once per profile rather than once a second.</summary>
    private sealed class ProfileJsonCache
    {
        private StimulusProfile? _profile;
        private JsonElement _json;

        public JsonElement? Of(StimulusProfile? profile)
        {
            if (profile is null)
            {
                return null;
            }

            if (!ReferenceEquals(profile, _profile))
            {
                using var document = JsonDocument.Parse(ProfileJson.SerializeToUtf8Bytes(profile));
                _json = document.RootElement.Clone();
                _profile = profile;
            }

            return _json;
        }
    }

    private AlarmsMessage AlarmsMessage()
    {
        var active = _latched.Select(a => new AlarmEntry($"{a.Rule}/{a.Target}", a.Rule, a.Target.Length == 0 ? null : a.Target,
            a.Priority switch
            {
                Safety.AlarmPriority.High => Protocol.Messages.AlarmPriority.High,
                Safety.AlarmPriority.Medium => Protocol.Messages.AlarmPriority.Medium,
                _ => Protocol.Messages.AlarmPriority.Low,
            }, a.Message, true, a.RaisedAt)).ToList();
        if (_outboxAlarm is not null)
        {
            active.Add(_outboxAlarm);
        }

        return new AlarmsMessage(active, _time.GetUtcNow());
    }
}
