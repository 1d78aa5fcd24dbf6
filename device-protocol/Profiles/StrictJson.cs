using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace AmpsDevice.Protocol.Profiles;

/// <summary>
/// The JSON profiles, plans and the simulator's scenarios are written in, read the same way for each: strict (RFC 8259: no comments, no
/// trailing commas, no NaN/Infinity; a scenario may have comments and trailing commas, <see cref="DocumentKind.CommentsAllowed"/>),
/// UTF-8 with an optional byte order mark, at most the document's size cap and
/// <see cref="ProfileParser.MaxDepth"/> deep. A document that is not such JSON is one error at <c>$</c>; one that
/// is goes to the document's reader. Never throws for any content.
/// </summary>
internal static class StrictJson
{
    private static readonly JsonDocumentOptions Options = new()
    {
        MaxDepth = ProfileParser.MaxDepth,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
    };

    private static readonly JsonDocumentOptions WithComments = Options with
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Parses UTF-8 JSON and reads its root with <paramref name="read"/>.</summary>
    public static ValidationResult<T> Read<T>(ReadOnlyMemory<byte> utf8Json, DocumentKind kind, Func<JsonElement, ValidationResult<T>> read)
        where T : class
    {
        if (utf8Json.Length > kind.MaxBytes)
        {
            return ValidationResult<T>.Failed("$", kind.TooLarge(utf8Json.Length));
        }

        if (utf8Json.Span.StartsWith("\uFEFF"u8))
        {
            utf8Json = utf8Json[3..];
        }

        var bytes = utf8Json.Span;
        if (FirstInvalidUtf8(bytes) is { } bad)
        {
            var (line, column) = Position(bytes, bad);
            return ValidationResult<T>.Failed("$", string.Create(CultureInfo.InvariantCulture,
                $"not UTF-8 text: invalid byte at line {line}, byte {column}; save the {kind.Noun} as UTF-8"));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json, kind.CommentsAllowed ? WithComments : Options);
        }
        catch (JsonException ex)
        {
            return ValidationResult<T>.Failed("$", JsonSyntaxError.Describe(ex, bytes));
        }

        using (document)
        {
            return read(document.RootElement);
        }
    }

    /// <summary>Parses JSON text and reads its root with <paramref name="read"/>.</summary>
    public static ValidationResult<T> Read<T>(string json, DocumentKind kind, Func<JsonElement, ValidationResult<T>> read)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(json);

        // Every char is at least one UTF-8 byte, so a string longer than the cap is too large.
        return json.Length > kind.MaxBytes
            ? ValidationResult<T>.Failed("$", kind.TooLarge(json.Length))
            : Read(Encoding.UTF8.GetBytes(json), kind, read);
    }

    private static int? FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        if (Utf8.IsValid(bytes))
        {
            return null;
        }

        var i = 0;
        while (i < bytes.Length)
        {
            if (Rune.DecodeFromUtf8(bytes[i..], out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return i;
            }

            i += consumed;
        }

        return null;
    }

    private static (int Line, int Column) Position(ReadOnlySpan<byte> bytes, int offset)
    {
        var before = bytes[..offset];
        var line = before.Count((byte)'\n') + 1;
        var lastNewline = before.LastIndexOf((byte)'\n');
        return (line, offset - lastNewline);
    }
}
