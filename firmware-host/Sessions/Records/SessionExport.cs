using System.Text.Json;
using System.Text.Json.Serialization;
using AmpsDevice.Protocol.Messages;

namespace AmpsDevice.FirmwareHost.Sessions.Records;

/// <summary>The schema id of the JSON export.</summary>
public static class RecordExportSchema
{
    public const string Id = "amps.session-record/1";
}

/// <summary>
/// Everything recorded about one session: what <c>export --json</c> writes, and what the CSV and the
/// chart are made from. Times in seconds are from the session's start.
/// </summary>
public sealed record SessionExport(
    string Schema,
    SessionRecord Session,
    JsonElement Profile,
    IReadOnlyList<StepRecord> Steps,
    IReadOnlyList<EventRecord> Events,
    IReadOnlyList<AlarmRecord> Alarms,
    IReadOnlyList<PainRecord> PainRatings,
    SampleTable Samples);

/// <summary>
/// The samples at the session's sample rate: <see cref="Columns"/> names each value of a row,
/// <c>t</c> first and <c>safe</c> (1 while outputs are held safe) last, as in the CSV export.
/// </summary>
public sealed record SampleTable(SampleChannels Channels, IReadOnlyList<string> Columns, IReadOnlyList<double[]> Rows)
{
    /// <summary>The column index of <paramref name="name"/>.</summary>
    public int Column(string name)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (Columns[i] == name)
            {
                return i;
            }
        }

        throw new ArgumentException($"no column {name}", nameof(name));
    }
}

/// <summary>Source-generated JSON for the records (no reflection at run time). NaN (a missing reading) is written as "NaN".</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(SessionExport))]
[JsonSerializable(typeof(SampleChannels))]
[JsonSerializable(typeof(EventKind))]
internal sealed partial class RecordJsonContext : JsonSerializerContext;
