using System.Collections.Concurrent;
using AmpsDevice.Protocol.Messages;

namespace AmpsDevice.Dashboard.Profiles;

/// <summary>
/// The planned timeline of each device's running session, for the console's chart: remembered when this
/// dashboard started the session (it validated the profile before sending it).
/// </summary>
public sealed class SessionTimelines
{
    private readonly ConcurrentDictionary<string, (string SessionId, TimelineView Timeline)> _byDevice = new(StringComparer.Ordinal);

    public void Remember(string deviceId, string sessionId, TimelineView timeline) => _byDevice[deviceId] = (sessionId, timeline);

    public TimelineView? For(string deviceId, SessionStateMessage session) =>
        session.SessionId is { } id && _byDevice.TryGetValue(deviceId, out var known) && known.SessionId == id ? known.Timeline : null;
}
