using System.Text.Json;
using AmpsDevice.Protocol.Profiles;

namespace AmpsDevice.Protocol.Plans;

/// <summary>
/// Reads a plan from JSON and checks it, and every level it can reach, against an envelope. Never throws
/// for any content: every problem is a <see cref="ProfileError"/> with a JSON path. The same strict JSON
/// as profiles (<see cref="StrictJson"/>): no comments, trailing commas or NaN, at most
/// <see cref="MaxBytes"/>, nesting at most <see cref="ProfileParser.MaxDepth"/>.
/// </summary>
public static class PlanParser
{
    /// <summary>Largest plan accepted, bytes: a plan is a profile and a few fields.</summary>
    public const int MaxBytes = ProfileParser.MaxBytes;

    private static readonly DocumentKind Kind = new("plan", MaxBytes);

    /// <summary>Parses UTF-8 JSON. <paramref name="profiles"/> resolves a <c>profileId</c>; without it a plan must carry its profile inline.</summary>
    public static ValidationResult<TherapyPlan> Parse(ReadOnlyMemory<byte> utf8Json, ProfileEnvelope envelope, ProfileLookup? profiles = null)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        return StrictJson.Read(utf8Json, Kind, root => PlanReader.Read(root, envelope, profiles));
    }

    /// <summary>Parses JSON text.</summary>
    public static ValidationResult<TherapyPlan> Parse(string json, ProfileEnvelope envelope, ProfileLookup? profiles = null)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        return StrictJson.Read(json, Kind, root => PlanReader.Read(root, envelope, profiles));
    }

    /// <summary>Reads and parses a file; a file that cannot be read is an error whose path is <paramref name="path"/>.</summary>
    public static ValidationResult<TherapyPlan> ParseFile(string path, ProfileEnvelope envelope, ProfileLookup? profiles = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var (bytes, error) = DocumentFile.Read(path, Kind);
        return error is null ? Parse(bytes, envelope, profiles) : new ValidationResult<TherapyPlan>(null, [error]);
    }

    /// <summary>Checks a plan that is already parsed (e.g. inside a stored plan record).</summary>
    public static ValidationResult<TherapyPlan> Parse(JsonElement element, ProfileEnvelope envelope, ProfileLookup? profiles = null) =>
        PlanReader.Read(element, envelope, profiles);
}
