using System.Globalization;
using System.Text;
using System.Text.Json;
using AmpsDevice.Protocol.Profiles;

namespace AmpsDevice.Protocol.Plans;

/// <summary>
/// Reads a plan from JSON and checks it, and every level it can reach, against an envelope. Never throws
/// for any content: every problem is a <see cref="ProfileError"/> with a JSON path. The same strict JSON
/// as profiles (<see cref="ProfileParser"/>): no comments, trailing commas or NaN, at most
/// <see cref="MaxBytes"/>, nesting at most <see cref="ProfileParser.MaxDepth"/>.
/// </summary>
public static class PlanParser
{
    /// <summary>Largest plan accepted, bytes: a plan is a profile and a few fields.</summary>
    public const int MaxBytes = ProfileParser.MaxBytes;

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        MaxDepth = ProfileParser.MaxDepth,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
    };

    /// <summary>Parses UTF-8 JSON. <paramref name="profiles"/> resolves a <c>profileId</c>; without it a plan must carry its profile inline.</summary>
    public static PlanValidationResult Parse(ReadOnlyMemory<byte> utf8Json, ProfileEnvelope envelope, ProfileLookup? profiles = null)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (utf8Json.Length > MaxBytes)
        {
            return TooLarge("$", utf8Json.Length);
        }

        if (utf8Json.Span.StartsWith("\uFEFF"u8))
        {
            utf8Json = utf8Json[3..];
        }

        var bytes = utf8Json.Span;
        if (ProfileParser.FirstInvalidUtf8(bytes) is { } bad)
        {
            var (line, column) = ProfileParser.Position(bytes, bad);
            return PlanValidationResult.Failed("$", string.Create(CultureInfo.InvariantCulture,
                $"not UTF-8 text: invalid byte at line {line}, byte {column}; save the plan as UTF-8"));
        }

        try
        {
            using var document = JsonDocument.Parse(utf8Json, DocumentOptions);
            return PlanReader.Read(document.RootElement, envelope, profiles);
        }
        catch (JsonException ex)
        {
            return PlanValidationResult.Failed("$", ProfileParser.NotJson(ex, bytes));
        }
    }

    /// <summary>Parses JSON text.</summary>
    public static PlanValidationResult Parse(string json, ProfileEnvelope envelope, ProfileLookup? profiles = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        return json.Length > MaxBytes ? TooLarge("$", json.Length) : Parse(Encoding.UTF8.GetBytes(json), envelope, profiles);
    }

    /// <summary>Reads and parses a file; a file that cannot be read is an error whose path is <paramref name="path"/>.</summary>
    public static PlanValidationResult ParseFile(string path, ProfileEnvelope envelope, ProfileLookup? profiles = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var (bytes, error) = DocumentFile.Read(path, "plan", MaxBytes, TooLargeMessage);
        return error is null ? Parse(bytes, envelope, profiles) : new PlanValidationResult(null, [error]);
    }

    /// <summary>Checks a plan that is already parsed (e.g. inside a stored plan record).</summary>
    public static PlanValidationResult Parse(JsonElement element, ProfileEnvelope envelope, ProfileLookup? profiles = null) =>
        PlanReader.Read(element, envelope, profiles);

    private static PlanValidationResult TooLarge(string path, long length) => PlanValidationResult.Failed(path, TooLargeMessage(length));

    private static string TooLargeMessage(long length) =>
        string.Create(CultureInfo.InvariantCulture, $"the plan is {length} bytes; a plan may be at most {MaxBytes} bytes (1 MiB)");
}
