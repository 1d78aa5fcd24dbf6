using AmpsDevice.Protocol.Topics;

namespace AmpsDevice.Dashboard.Devices;

/// <summary>What a device publishes on: the last level of <c>amps/v1/{deviceId}/{kind}</c>.</summary>
public enum TopicKind
{
    Status,
    Telemetry,
    Session,
    Events,
    Alarms,
    Reply,
}

/// <summary>A received topic taken apart. The device id is whatever the topic level says: it may be hostile.</summary>
public readonly record struct DeviceTopic(string DeviceId, TopicKind Kind)
{
    /// <summary>Longest device id level the dashboard tracks at all (the contract allows 64; longer is logged and ignored).</summary>
    public const int MaxIdLength = 200;

    public static string[] Filters(string clientId) =>
    [
        $"{DeviceTopics.Root}/+/status",
        $"{DeviceTopics.Root}/+/telemetry",
        $"{DeviceTopics.Root}/+/session",
        $"{DeviceTopics.Root}/+/events",
        $"{DeviceTopics.Root}/+/alarms",
        $"{DeviceTopics.Root}/+/reply/{clientId}",
    ];

    public static bool TryParse(string topic, out DeviceTopic parsed)
    {
        parsed = default;
        if (!topic.StartsWith(DeviceTopics.Root + "/", StringComparison.Ordinal))
        {
            return false;
        }

        var rest = topic.AsSpan(DeviceTopics.Root.Length + 1);
        var slash = rest.IndexOf('/');
        if (slash <= 0 || slash > MaxIdLength)
        {
            return false;
        }

        var id = rest[..slash].ToString();
        TopicKind? kind = rest[(slash + 1)..] switch
        {
            "status" => TopicKind.Status,
            "telemetry" => TopicKind.Telemetry,
            "session" => TopicKind.Session,
            "events" => TopicKind.Events,
            "alarms" => TopicKind.Alarms,
            var r when r.StartsWith("reply/") => TopicKind.Reply,
            _ => null,
        };
        if (kind is null)
        {
            return false;
        }

        parsed = new DeviceTopic(id, kind.Value);
        return true;
    }
}
