namespace AmpsDevice.Protocol.Messages;

/// <summary>
/// The <c>schema</c> value of every payload: <c>amps.{kind}/{version}</c>. A subscriber checks the
/// prefix and the major version; fields are only ever added within a version.
/// </summary>
public static class SchemaIds
{
    public const string Status = "amps.status/1";
    public const string Telemetry = "amps.telemetry/1";
    public const string Session = "amps.session/1";
    public const string Event = "amps.event/1";
    public const string Alarms = "amps.alarms/1";
    public const string Reply = "amps.reply/1";
}
