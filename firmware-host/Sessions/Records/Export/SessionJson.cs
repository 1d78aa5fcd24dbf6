using System.Text.Json;

namespace AmpsDevice.FirmwareHost.Sessions.Records.Export;

/// <summary><c>export --json</c>: the whole <see cref="SessionExport"/> (schema <c>amps.session-record/1</c>), and back.</summary>
public static class SessionJson
{
    public static void Write(SessionExport export, Stream stream) =>
        JsonSerializer.Serialize(stream, export, RecordJsonContext.Default.SessionExport);

    public static SessionExport? Read(Stream stream) =>
        JsonSerializer.Deserialize(stream, RecordJsonContext.Default.SessionExport);
}
