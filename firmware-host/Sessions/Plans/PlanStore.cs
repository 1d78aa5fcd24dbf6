using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using AmpsDevice.Protocol.Messages;
using AmpsDevice.Protocol.Plans;
using AmpsDevice.Protocol.Profiles;

namespace AmpsDevice.FirmwareHost.Sessions.Plans;

/// <summary>
/// The plans kept on the device: one JSON file per patient, <c>{data}/plans/{patientId}.json</c>, holding
/// the plan (its profile inline), where the patient stands and the history of every plan session.
/// Self-contained (no database shared with the session records). Every write is atomic: a temporary file
/// in the same folder, flushed to the disk, then renamed over the old one, so a power cut leaves either
/// the old record or the new one, never half of one. A stored plan is checked again against the device's
/// envelope every time it is loaded: a configuration that tightened a limit makes an old plan refuse to
/// run rather than run outside it. Thread-safe.
/// </summary>
public sealed class PlanStore(string dataDirectory, ProfileEnvelope envelope)
{
    /// <summary>The schema of a stored plan record.</summary>
    public const string RecordSchemaId = "amps.plan-record/1";

    private readonly Lock _gate = new();

    public string Directory { get; } = Path.Combine(dataDirectory, "plans");

    /// <summary>The record of <paramref name="patientId"/>'s plan; null and a reason when there is none or it cannot be used.</summary>
    public (PlanRecord? Record, string? Error) Load(string patientId)
    {
        if (!PatientIds.IsPseudonymous(patientId))
        {
            return (null, "patientId: must be " + PatientIds.Rule);
        }

        lock (_gate)
        {
            return LoadUnlocked(patientId);
        }
    }

    /// <summary>Stores a new plan for its patient, who starts at its start level. A plan already stored for the
    /// patient is replaced; its history is kept, so the record shows every session the patient ever had.</summary>
    public PlanRecord Import(TherapyPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        lock (_gate)
        {
            var (old, _) = LoadUnlocked(plan.PatientId);
            var record = new PlanRecord(plan, new PlanPosition(plan.StartLevel, 0), old?.History ?? []);
            SaveUnlocked(record);
            return record;
        }
    }

    /// <summary>Applies the progression rules to a session of <paramref name="patientId"/>'s plan and stores the result.</summary>
    public (PlanHistoryEntry? Entry, string? Error) RecordSession(string patientId, PlanSession session)
    {
        if (!PatientIds.IsPseudonymous(patientId))
        {
            return (null, "patientId: must be " + PatientIds.Rule);
        }

        lock (_gate)
        {
            var (record, error) = LoadUnlocked(patientId);
            if (record is null)
            {
                return (null, error);
            }

            var entry = record.Apply(session);
            SaveUnlocked(record);
            return (entry, null);
        }
    }

    /// <summary>Writes <paramref name="record"/> atomically.</summary>
    public void Save(PlanRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            SaveUnlocked(record);
        }
    }

    private string PathOf(string patientId) => Path.Combine(Directory, patientId + ".json");

    private (PlanRecord? Record, string? Error) LoadUnlocked(string patientId)
    {
        var path = PathOf(patientId);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return (null, $"patientId: no plan is stored on this device for '{patientId}'");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, $"the plan of '{patientId}' could not be read ({path}): {ex.Message}");
        }

        try
        {
            using var document = JsonDocument.Parse(bytes);
            var stored = document.RootElement.Deserialize(PlanStoreJsonContext.Default.StoredPlanRecord);
            if (stored is null || stored.Schema != RecordSchemaId)
            {
                return (null, $"{path}: not a plan record ({RecordSchemaId})");
            }

            var result = PlanParser.Parse(stored.Plan, envelope);
            if (result.Value is not { } plan)
            {
                return (null, $"the stored plan of '{patientId}' no longer fits this device's envelope: " + string.Join("; ", result.Errors.Select(e => "plan." + e)));
            }

            if (plan.PatientId != patientId || stored.Level < plan.MinLevel || stored.Level > plan.MaxLevel || stored.GoodInARow < 0)
            {
                return (null, $"{path}: the record is inconsistent (patient {plan.PatientId}, level {stored.Level} of {plan.MinLevel}..{plan.MaxLevel})");
            }

            return (new PlanRecord(plan, new PlanPosition(stored.Level, stored.GoodInARow), stored.History ?? []), null);
        }
        catch (JsonException ex)
        {
            return (null, $"{path}: the plan record is damaged ({ex.Message})");
        }
    }

    private void SaveUnlocked(PlanRecord record)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var node = new JsonObject
        {
            ["schema"] = RecordSchemaId,
            ["plan"] = PlanJson.ToNode(record.Plan),
            ["level"] = record.Position.Level,
            ["goodInARow"] = record.Position.GoodInARow,
            ["history"] = JsonSerializer.SerializeToNode(record.History.ToList(), PlanStoreJsonContext.Default.ListPlanHistoryEntry),
        };
        var path = PathOf(record.Plan.PatientId);
        var temp = path + ".tmp";
        using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            using (var writer = new Utf8JsonWriter(file, new JsonWriterOptions { Indented = true }))
            {
                node.WriteTo(writer);
            }

            file.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }
}

/// <summary>The file form of a <see cref="PlanRecord"/>.</summary>
internal sealed record StoredPlanRecord(string Schema, JsonElement Plan, int Level, int GoodInARow, List<PlanHistoryEntry>? History);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(StoredPlanRecord))]
[JsonSerializable(typeof(List<PlanHistoryEntry>))]
internal sealed partial class PlanStoreJsonContext : JsonSerializerContext;
