using System.Text.Json;
using System.Text.Json.Serialization;
using AmpsDevice.Protocol.Messages;
using AmpsDevice.Protocol.Records;

namespace AmpsDevice.Dashboard.History;

/// <summary>
/// One stored session in the formats of <c>ampsdevice export</c> (docs/records.md): the JSON record
/// (<c>amps.session-record/1</c>: session, profile, steps, events, alarms, pain ratings, samples as columns and rows),
/// whose samples device-protocol's <see cref="SessionCsv"/> writes as the CSV, as the device's export does. Built from what reached the dashboard over MQTT: the samples are the telemetry (10 Hz), a gap in
/// it is rows that are not there, and the alarms list is empty (alarms are the device's; safety trips are events).
/// </summary>
public static class SessionRecordExport
{
    public const string Schema = "amps.session-record/1";

    /// <summary>Samples this long after the end are kept (the outputs going safe), as the device's records do.</summary>
    public static readonly TimeSpan Tail = TimeSpan.FromSeconds(2);

    public static SessionRecordJson Build(SessionDetail detail)
    {
        var s = detail.Summary;
        var started = detail.Events.FirstOrDefault(e => e.Kind == "session-started")?.At ?? s.StartedAt;
        double Rel(DateTimeOffset at) => Math.Round((at - started).TotalSeconds, 3);
        var session = detail.Events.Where(e => e.SessionId == s.SessionId).ToList();
        var samples = Samples(detail, started, (s.EndedAt ?? DateTimeOffset.MaxValue - Tail) + Tail);
        var steps = session.Where(e => e.Kind == "step-started" && e.Value is not null).Select(e =>
        {
            var index = (int)e.Value!.Value;
            var end = session.FirstOrDefault(x => x.Kind == "step-ended" && x.Value == index && x.At >= e.At);
            return new StepJson(index, e.Message ?? "", Rel(e.At), end is null ? null : Rel(end.At), end?.Message);
        }).ToList();
        var stateAt = detail.States;
        string StateAt(DateTimeOffset at) => stateAt.LastOrDefault(x => x.At <= at)?.State ?? s.State;
        int? StepAt(DateTimeOffset at) => stateAt.LastOrDefault(x => x.At <= at)?.StepIndex;
        var events = detail.Events.Select(e => new EventJson(Rel(e.At), e.At, e.Kind, StateAt(e.At), StepAt(e.At), e.Target, e.Rule, e.Value,
            e.Message, null, e.Origin, null)).ToList();
        var pain = session.Where(e => e.Kind == "pain-rating" && e.Value is not null).Select(e => new PainJson(Rel(e.At), (int)Math.Round(e.Value!.Value))).ToList();
        var record = new SessionJson(s.SessionId, s.PatientId ?? "", s.ProfileName ?? "", null, s.PlanLevel, started, s.EndedAt,
            s.EndedAt is { } ended ? Math.Round((ended - started).TotalSeconds, 1) : null, s.Outcome ?? "unfinished", null, s.MaxPain,
            detail.Telemetry.Count > 0 ? Math.Round(1 / detail.Telemetry[0].SamplePeriodS, 3) : 0,
            session.FirstOrDefault(e => e.Kind == "session-started")?.Origin);
        using var profile = JsonDocument.Parse(detail.ProfileJson ?? "{}");
        return new SessionRecordJson(Schema, record, profile.RootElement.Clone(), steps, events, [], pain, samples);
    }

    public static void WriteJson(SessionRecordJson record, Stream stream) =>
        JsonSerializer.Serialize(stream, record, SessionRecordJsonContext.Default.SessionRecordJson);

    private static SampleTableJson Samples(SessionDetail detail, DateTimeOffset start, DateTimeOffset end)
    {
        var rows = new List<double[]>();
        ChannelsJson? channels = null;
        foreach (var message in detail.Telemetry)
        {
            var batch = JsonSerializer.Deserialize(message.Payload, ProtocolJsonContext.Default.TelemetryBatch)!;
            for (var i = 0; i < batch.Samples.Count; i++)
            {
                var at = batch.At + TimeSpan.FromSeconds(i * batch.SamplePeriodS);
                if (at < start || at > end)
                {
                    continue;
                }

                var sample = batch.Samples[i];
                channels ??= new ChannelsJson([.. sample.Pads.Select(p => p.Name)], [.. sample.Vib.Select(v => v.Name)], [.. sample.Pressure.Select(p => p.Name)]);
                var row = new List<double> { Math.Round((at - start).TotalSeconds, 3) };
                foreach (var p in sample.Pads)
                {
                    row.AddRange([p.MeasuredC ?? double.NaN, p.SafetyC ?? double.NaN, p.Drive]);
                }

                foreach (var v in sample.Vib)
                {
                    row.AddRange([v.FrequencyHz, v.Amplitude]);
                }

                foreach (var f in sample.Pressure)
                {
                    row.Add(f.ForceN ?? double.NaN);
                }

                row.Add(sample.Safe ? 1 : 0);
                if (row.Count == 2 + channels.Width)
                {
                    rows.Add([.. row]);
                }
            }
        }

        channels ??= new ChannelsJson([], [], []);
        return new SampleTableJson(channels, ["t", .. channels.ColumnNames(), "safe"], rows);
    }
}

/// <summary><c>amps.session-record/1</c>, field for field as <c>ampsdevice export --json</c> writes it.</summary>
public sealed record SessionRecordJson(
    string Schema,
    SessionJson Session,
    JsonElement Profile,
    IReadOnlyList<StepJson> Steps,
    IReadOnlyList<EventJson> Events,
    IReadOnlyList<AlarmJson> Alarms,
    IReadOnlyList<PainJson> PainRatings,
    SampleTableJson Samples);

public sealed record SessionJson(
    string SessionId, string PatientId, string ProfileName, string? PlanId, int? PlanLevel, DateTimeOffset StartedAt, DateTimeOffset? EndedAt,
    double? DurationS, string Outcome, string? Reason, int? MaxPain, double SampleRateHz, string? Origin);

public sealed record StepJson(int Index, string Name, double StartedAtS, double? EndedAtS, string? Result);

public sealed record EventJson(
    double AtS, DateTimeOffset At, string Kind, string State, int? StepIndex, string? Target, string? Rule, double? Value, string? Message,
    string? Result, string? Origin, double? LatencyMs);

public sealed record AlarmJson(string Rule, string Target, string Priority, string Message, double RaisedAtS, DateTimeOffset RaisedAt, double? ClearedAtS, DateTimeOffset? ClearedAt);

public sealed record PainJson(double AtS, int Value);

public sealed record ChannelsJson(
    [property: JsonPropertyName("pads")] IReadOnlyList<string> Pads,
    [property: JsonPropertyName("vibration")] IReadOnlyList<string> Vibration,
    [property: JsonPropertyName("pressure")] IReadOnlyList<string> Pressure)
{
    [JsonIgnore]
    public int Width => (Pads.Count * 3) + (Vibration.Count * 2) + Pressure.Count;

    public IEnumerable<string> ColumnNames() =>
        Pads.SelectMany(p => new[] { $"{p}.measuredC", $"{p}.safetyC", $"{p}.drive" })
            .Concat(Vibration.SelectMany(v => new[] { $"{v}.frequencyHz", $"{v}.amplitude" }))
            .Concat(Pressure.Select(f => $"{f}.forceN"));
}

public sealed record SampleTableJson(ChannelsJson Channels, IReadOnlyList<string> Columns, IReadOnlyList<double[]> Rows);

/// <summary>The export's JSON options, as the device's: camelCase, nulls left out, NaN (a missing reading) as "NaN".</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(SessionRecordJson))]
internal sealed partial class SessionRecordJsonContext : JsonSerializerContext;
