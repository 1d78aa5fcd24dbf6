using AmpsDevice.Bench.Fleet;
using AmpsDevice.Dashboard.Devices;
using AmpsDevice.FirmwareHost.Telemetry;

namespace AmpsDevice.Bench.History;

/// <summary>
/// What fleet devices publish, as the dashboard's MQTT receive path hands it to the historian: each payload decoded
/// by the dashboard's own <see cref="DeviceMessageDecoder"/> into a <see cref="DeviceMessage"/>, and only the kinds
/// the historian keeps (status, telemetry, session state, events; alarms are not history).
/// </summary>
public static class HistoryTraffic
{
    private static readonly DeviceMessageDecoder Decoder = new(256 * 1024);

    /// <summary>Adds the messages of <paramref name="published"/> the historian keeps to <paramref name="output"/>.</summary>
    public static void Decode(IEnumerable<FleetMessage> published, DateTimeOffset receivedAt, List<DeviceMessage> output)
    {
        foreach (var m in published)
        {
            if (!DeviceTopic.TryParse(m.Topic, out var topic))
            {
                throw new InvalidOperationException($"not a device topic: {m.Topic}");
            }

            object? payload = topic.Kind switch
            {
                TopicKind.Status => Decoder.Status(m.Payload),
                TopicKind.Telemetry => Decoder.Telemetry(m.Payload),
                TopicKind.Session => Decoder.Session(m.Payload),
                TopicKind.Events => Decoder.Event(m.Payload),
                _ => null,
            };
            if (payload is not null)
            {
                output.Add(new DeviceMessage(topic.DeviceId, topic.Kind, payload, m.Payload, receivedAt));
            }
        }
    }

    /// <summary>
    /// <paramref name="devices"/> fleet devices (the every-channel session, back to back, at the device's default
    /// cadence, <see cref="MqttOptions"/>) from their connection for <paramref name="duration"/> of virtual time from
    /// <paramref name="start"/>, in the order they would arrive (sample period by sample period, device by device).
    /// </summary>
    public static List<DeviceMessage> Fleet(int devices, TimeSpan duration, DateTimeOffset start)
    {
        var mqtt = new MqttOptions();
        var profile = FleetCommand.LoadProfile();
        var fleet = Enumerable.Range(0, devices).Select(i => new FleetDevice($"fleet-{i + 1:000}", profile, mqtt, seed: i + 1)).ToList();
        try
        {
            var messages = new List<DeviceMessage>();
            var published = new List<FleetMessage>();
            foreach (var device in fleet)
            {
                Decode(device.Connected(start), start, messages);
            }

            var ticks = (long)(duration.TotalSeconds / mqtt.SamplePeriodS);
            for (var i = 1; i <= ticks; i++)
            {
                var loopS = i * mqtt.SamplePeriodS;
                var now = start.AddSeconds(loopS);
                published.Clear();
                foreach (var device in fleet)
                {
                    device.Sample(loopS, now, published);
                }

                Decode(published, now, messages);
            }

            return messages;
        }
        finally
        {
            fleet.ForEach(d => d.Dispose());
        }
    }
}
