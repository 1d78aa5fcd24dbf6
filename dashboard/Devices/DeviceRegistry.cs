using System.Collections.Concurrent;
using AmpsDevice.Dashboard.Hosting;
using AmpsDevice.Dashboard.Profiles;
using AmpsDevice.Protocol.Messages;
using Microsoft.Extensions.Options;

namespace AmpsDevice.Dashboard.Devices;

/// <summary>Every device heard on the broker and its live state; each change goes out on the <see cref="LiveFeed"/>.</summary>
public sealed partial class DeviceRegistry(LiveFeed feed, TimeProvider time, IOptions<DashboardOptions> options, ILogger<DeviceRegistry> logger)
{
    private readonly ConcurrentDictionary<string, DeviceLive> _devices = new(StringComparer.Ordinal);
    private readonly DashboardOptions _options = options.Value;
    private int _refusedLogged;

    public DeviceLive? Find(string deviceId) => _devices.GetValueOrDefault(deviceId);

    /// <summary>Devices with alarms first (highest priority first), then by id.</summary>
    public IReadOnlyList<DeviceSummary> Summaries()
    {
        var now = time.GetUtcNow();
        var list = new List<DeviceSummary>(_devices.Count);
        foreach (var device in _devices.Values)
        {
            lock (device.Gate)
            {
                list.Add(device.Summarize(now, _options.StaleAfter));
            }
        }

        return [.. list.OrderBy(s => s.Alarm is null ? 3 : (int)s.Alarm.Priority).ThenBy(s => s.DeviceId, StringComparer.Ordinal)];
    }

    public DeviceDetail? Detail(string deviceId)
    {
        if (Find(deviceId) is not { } device)
        {
            return null;
        }

        lock (device.Gate)
        {
            return device.Detail(time.GetUtcNow(), _options.StaleAfter);
        }
    }

    public void OnStatus(string deviceId, StatusMessage status) =>
        Update(deviceId, d => d.Apply(status, time.GetUtcNow()), "status", status);

    public void OnTelemetry(string deviceId, TelemetryBatch batch)
    {
        IReadOnlyList<TimedSample>? added = null;
        Update(deviceId, d => added = d.Apply(batch, time.GetUtcNow()), null, null);
        if (added is not null)
        {
            feed.Publish("telemetry", deviceId, new TelemetryUpdate(deviceId, added, batch.Late), Audience.Console);
        }
    }

    public void OnSession(string deviceId, SessionStateMessage session, TimelineView? timeline) =>
        Update(deviceId, d => d.Apply(session, timeline), "session", new SessionUpdate(session, timeline));

    public void OnEvent(string deviceId, DeviceEvent e) => Update(deviceId, d => d.Apply(e), "event", e);

    public void OnAlarms(string deviceId, AlarmsMessage alarms) => Update(deviceId, d => d.Apply(alarms), "alarms", alarms);

    /// <summary>Sends the summaries that changed with time alone (a device gone stale, or back).</summary>
    public void Sweep()
    {
        var now = time.GetUtcNow();
        foreach (var device in _devices.Values)
        {
            DeviceSummary? changed;
            lock (device.Gate)
            {
                changed = Resummarize(device, now);
            }

            if (changed is not null)
            {
                feed.Publish("summary", device.DeviceId, changed, Audience.Everyone);
            }
        }
    }

    private void Update(string deviceId, Action<DeviceLive> apply, string? eventType, object? payload)
    {
        var now = time.GetUtcNow();
        if (!_devices.TryGetValue(deviceId, out var device))
        {
            if (_devices.Count >= _options.MaxDevices)
            {
                if (Interlocked.Increment(ref _refusedLogged) <= 10)
                {
                    LogTooMany(logger, LogText.Safe(deviceId), _options.MaxDevices);
                }

                return;
            }

            device = _devices.GetOrAdd(deviceId, id =>
            {
                var created = new DeviceLive(id, now);
                if (!created.IdValid)
                {
                    LogInvalidId(logger, LogText.Safe(id));
                }

                created.LastSummary = created.Summarize(now, _options.StaleAfter);
                return created;
            });
        }

        DeviceSummary? changed;
        lock (device.Gate)
        {
            apply(device);
            changed = Resummarize(device, now);
        }

        if (eventType is not null)
        {
            feed.Publish(eventType, deviceId, payload!, Audience.Console);
        }

        if (changed is not null)
        {
            feed.Publish("summary", deviceId, changed, Audience.Everyone);
        }
    }

    private DeviceSummary? Resummarize(DeviceLive device, DateTimeOffset now)
    {
        var summary = device.Summarize(now, _options.StaleAfter);
        if (summary == device.LastSummary)
        {
            return null;
        }

        device.LastSummary = summary;
        return summary;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Device {DeviceId}: its id is not a valid device id; it is shown as text and gets no commands")]
    private static partial void LogInvalidId(ILogger logger, string deviceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Device {DeviceId} ignored: already tracking {Max} devices (Dashboard:MaxDevices)")]
    private static partial void LogTooMany(ILogger logger, string deviceId, int max);
}
