using System.Text.Json;

namespace AmpsDevice.Protocol.Profiles;

/// <summary>
/// Reads a profile from JSON and checks it against an envelope. Never throws for any content: every
/// problem becomes a <see cref="ProfileError"/>. Strict JSON (<see cref="StrictJson"/>, RFC 8259): no comments,
/// no trailing commas, no NaN/Infinity; a UTF-8 byte order mark is allowed. Documents over <see cref="MaxBytes"/>
/// or nested deeper than <see cref="MaxDepth"/> are refused before they are parsed.
/// </summary>
public static class ProfileParser
{
    /// <summary>Largest profile accepted, bytes (1 MiB; a real profile is a few KiB).</summary>
    public const int MaxBytes = 1 << 20;

    /// <summary>Deepest JSON nesting accepted (a profile needs 5).</summary>
    public const int MaxDepth = 32;

    private static readonly DocumentKind Kind = new("profile", MaxBytes);

    /// <summary>Parses UTF-8 JSON.</summary>
    public static ValidationResult<StimulusProfile> Parse(ReadOnlyMemory<byte> utf8Json, ProfileEnvelope? envelope = null)
    {
        var limits = envelope ?? ProfileEnvelope.Absolute();
        return StrictJson.Read(utf8Json, Kind, root => ProfileReader.Read(root, limits));
    }

    /// <summary>Parses JSON text.</summary>
    public static ValidationResult<StimulusProfile> Parse(string json, ProfileEnvelope? envelope = null)
    {
        var limits = envelope ?? ProfileEnvelope.Absolute();
        return StrictJson.Read(json, Kind, root => ProfileReader.Read(root, limits));
    }

    /// <summary>
    /// Parses a stream, reading at most <see cref="MaxBytes"/> + 1 bytes of it (a seekable stream that
    /// is too long is refused without reading). A read failure is an error at <c>$</c>.
    /// </summary>
    public static ValidationResult<StimulusProfile> Parse(Stream stream, ProfileEnvelope? envelope = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            var (bytes, tooLarge) = DocumentFile.ReadAll(stream, Kind);
            return tooLarge is null ? Parse(bytes, envelope) : ValidationResult<StimulusProfile>.Failed("$", tooLarge);
        }
        catch (Exception ex) when (ex is IOException or NotSupportedException)
        {
            return ValidationResult<StimulusProfile>.Failed("$", $"could not be read: {ex.Message}");
        }
    }

    /// <summary>
    /// Reads and parses a file. Problems with the file itself are errors whose path is
    /// <paramref name="path"/>: "file not found", "is a directory", "permission denied", too large.
    /// </summary>
    public static ValidationResult<StimulusProfile> ParseFile(string path, ProfileEnvelope? envelope = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var (bytes, error) = DocumentFile.Read(path, Kind);
        return error is null ? Parse(bytes, envelope) : new ValidationResult<StimulusProfile>(null, [error]);
    }

    /// <summary>Checks a profile that is already parsed (e.g. inside an MQTT <c>session.start</c> payload).</summary>
    public static ValidationResult<StimulusProfile> Parse(JsonElement element, ProfileEnvelope? envelope = null) =>
        ProfileReader.Read(element, envelope ?? ProfileEnvelope.Absolute());
}
