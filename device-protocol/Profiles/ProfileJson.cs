using System.Text.Json;
using System.Text.Json.Serialization;

namespace AmpsDevice.Protocol.Profiles;

/// <summary>
/// Writes profiles as canonical JSON: fields in the documented order, every defaulted field written out
/// (<c>returnToNeutral</c>, <c>timeoutS</c>), absent optional text omitted, two-space indentation.
/// The output reads back through <see cref="ProfileParser"/> to an equal profile.
/// </summary>
public static class ProfileJson
{
    /// <summary>The canonical JSON of <paramref name="profile"/>.</summary>
    public static string Serialize(StimulusProfile profile) =>
        JsonSerializer.Serialize(profile, ProfileJsonContext.Default.StimulusProfile);

    /// <summary>The canonical JSON of <paramref name="profile"/>, as UTF-8.</summary>
    public static byte[] SerializeToUtf8Bytes(StimulusProfile profile) =>
        JsonSerializer.SerializeToUtf8Bytes(profile, ProfileJsonContext.Default.StimulusProfile);
}

/// <summary>Source-generated serialization metadata for profiles (no reflection at run time).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StimulusProfile))]
internal sealed partial class ProfileJsonContext : JsonSerializerContext;
