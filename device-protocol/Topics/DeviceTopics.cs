namespace AmpsDevice.Protocol.Topics;

/// <summary>
/// The MQTT topic tree, version 1 (docs/mqtt.md, docs/asyncapi.yaml). Everything a device publishes lives under
/// <c>amps/v1/{deviceId}/</c>; commands arrive on <c>amps/v1/{deviceId}/cmd/{name}</c>. Replies go to the
/// request's response topic; by convention (and by the broker's ACL) that is under
/// <c>amps/v1/{deviceId}/reply/</c>, the one place besides its own topics where a device may publish.
/// </summary>
public sealed class DeviceTopics
{
    public const string Root = "amps/v1";

    public DeviceTopics(string deviceId)
    {
        if (!IsValidDeviceId(deviceId, out var why))
        {
            throw new ArgumentException($"'{deviceId}' is not a valid device id: {why}", nameof(deviceId));
        }

        DeviceId = deviceId;
        Prefix = $"{Root}/{deviceId}/";
        Status = Prefix + "status";
        Telemetry = Prefix + "telemetry";
        Session = Prefix + "session";
        Events = Prefix + "events";
        Alarms = Prefix + "alarms";
        CommandPrefix = Prefix + "cmd/";
        CommandFilter = CommandPrefix + "+";
        ReplyPrefix = Prefix + "reply/";
    }

    public string DeviceId { get; }

    /// <summary><c>amps/v1/{deviceId}/</c>.</summary>
    public string Prefix { get; }

    public string Status { get; }

    public string Telemetry { get; }

    public string Session { get; }

    public string Events { get; }

    public string Alarms { get; }

    /// <summary><c>amps/v1/{deviceId}/cmd/</c>.</summary>
    public string CommandPrefix { get; }

    /// <summary><c>amps/v1/{deviceId}/cmd/+</c>, what the device subscribes to.</summary>
    public string CommandFilter { get; }

    /// <summary><c>amps/v1/{deviceId}/reply/</c>: where a dashboard should ask for replies.</summary>
    public string ReplyPrefix { get; }

    /// <summary><c>amps/v1/{deviceId}/cmd/{name}</c>.</summary>
    public string Command(string name) => CommandPrefix + name;

    /// <summary>A reply topic for one requester, e.g. <c>amps/v1/dev-1/reply/dashboard-7</c>.</summary>
    public string Reply(string requester) => ReplyPrefix + requester;

    /// <summary>The command name of a topic under <see cref="CommandPrefix"/>, or null.</summary>
    public string? TryGetCommandName(string topic)
    {
        if (topic.Length <= CommandPrefix.Length || !topic.StartsWith(CommandPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var name = topic[CommandPrefix.Length..];
        return name.Contains('/', StringComparison.Ordinal) ? null : name;
    }

    /// <summary>A device id is one topic level: 1-64 characters of <c>A-Z a-z 0-9 . _ -</c>.</summary>
    public static bool IsValidDeviceId(string? deviceId, out string? reason)
    {
        if (string.IsNullOrEmpty(deviceId))
        {
            reason = "it is empty";
            return false;
        }

        if (deviceId.Length > 64)
        {
            reason = "it is longer than 64 characters";
            return false;
        }

        foreach (var c in deviceId)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            {
                reason = $"'{c}' is not allowed (use A-Z, a-z, 0-9, '.', '_', '-')";
                return false;
            }
        }

        reason = null;
        return true;
    }
}
