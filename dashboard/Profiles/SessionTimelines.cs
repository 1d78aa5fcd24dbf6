using System.Collections.Concurrent;
using System.Text.Json;
using AmpsDevice.Protocol.Messages;
using AmpsDevice.Protocol.Profiles;

namespace AmpsDevice.Dashboard.Profiles;

/// <summary>
/// The planned timeline of each device's running session, for the console's chart: from the running profile
/// the device publishes with its session state (read once per session with device-protocol's parser), or, for a
/// session this dashboard started with a profile it had validated, remembered from then.
/// </summary>
public sealed class SessionTimelines
{
    private readonly ConcurrentDictionary<string, (string SessionId, TimelineView? Timeline)> _byDevice = new(StringComparer.Ordinal);

    public void Remember(string deviceId, string sessionId, TimelineView timeline) => _byDevice[deviceId] = (sessionId, timeline);

    public TimelineView? For(string deviceId, SessionStateMessage session)
    {
        if (session.SessionId is not { } id)
        {
            return null;
        }

        if (_byDevice.TryGetValue(deviceId, out var known) && known.SessionId == id)
        {
            return known.Timeline;
        }

        TimelineView? timeline = null;
        if (session.Profile is { ValueKind: JsonValueKind.Object } profile && ProfileParser.Parse(profile).Value is { } parsed)
        {
            timeline = TimelineView.Of(parsed);
        }

        _byDevice[deviceId] = (id, timeline);
        return timeline;
    }
}
