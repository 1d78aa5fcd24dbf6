using System.Globalization;
using System.Text;
using System.Text.Json;

namespace AmpsDevice.Protocol.Profiles;

/// <summary>
/// Reads a profile from JSON and checks it against an envelope. Never throws for any content: every
/// problem becomes a <see cref="ProfileError"/>. Strict JSON (RFC 8259): no comments, no trailing
/// commas, no NaN/Infinity; a UTF-8 byte order mark is allowed. Documents over <see cref="MaxBytes"/>
/// or nested deeper than <see cref="MaxDepth"/> are refused before they are parsed.
/// </summary>
public static class ProfileParser
{
    /// <summary>Largest profile accepted, bytes (1 MiB; a real profile is a few KiB).</summary>
    public const int MaxBytes = 1 << 20;

    /// <summary>Deepest JSON nesting accepted (a profile needs 5).</summary>
    public const int MaxDepth = 32;

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        MaxDepth = MaxDepth,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
    };

    /// <summary>Parses UTF-8 JSON.</summary>
    public static ProfileValidationResult Parse(ReadOnlyMemory<byte> utf8Json, ProfileEnvelope? envelope = null)
    {
        envelope ??= ProfileEnvelope.Absolute();
        if (utf8Json.Length > MaxBytes)
        {
            return TooLarge("$", utf8Json.Length);
        }

        var bytes = utf8Json.Span;
        if (bytes.StartsWith("\uFEFF"u8))
        {
            utf8Json = utf8Json[3..];
            bytes = utf8Json.Span;
        }

        if (FirstInvalidUtf8(bytes) is { } bad)
        {
            var (line, column) = Position(bytes, bad);
            return ProfileValidationResult.Failed("$", string.Create(CultureInfo.InvariantCulture,
                $"not UTF-8 text: invalid byte at line {line}, byte {column}; save the profile as UTF-8"));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json, DocumentOptions);
        }
        catch (JsonException ex)
        {
            return ProfileValidationResult.Failed("$", NotJson(ex, bytes));
        }

        using (document)
        {
            return ProfileReader.Read(document.RootElement, envelope);
        }
    }

    /// <summary>Parses JSON text.</summary>
    public static ProfileValidationResult Parse(string json, ProfileEnvelope? envelope = null)
    {
        ArgumentNullException.ThrowIfNull(json);

        // Every char is at least one UTF-8 byte, so a string longer than the cap is too large.
        if (json.Length > MaxBytes)
        {
            return TooLarge("$", json.Length);
        }

        return Parse(Encoding.UTF8.GetBytes(json), envelope);
    }

    /// <summary>
    /// Parses a stream, reading at most <see cref="MaxBytes"/> + 1 bytes of it (a seekable stream that
    /// is too long is refused without reading). A read failure is an error at <c>$</c>.
    /// </summary>
    public static ProfileValidationResult Parse(Stream stream, ProfileEnvelope? envelope = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            if (stream.CanSeek && stream.Length - stream.Position > MaxBytes)
            {
                return TooLarge("$", stream.Length - stream.Position);
            }

            var buffer = new byte[stream.CanSeek ? (int)(stream.Length - stream.Position) + 1 : 16 * 1024];
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > MaxBytes)
                    {
                        return ProfileValidationResult.Failed("$", $"the profile is larger than {MaxBytes} bytes (1 MiB), the most a profile may be");
                    }

                    Array.Resize(ref buffer, Math.Min(buffer.Length * 2, MaxBytes + 1));
                }

                var read = stream.Read(buffer, length, buffer.Length - length);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }

            return Parse(buffer.AsMemory(0, length), envelope);
        }
        catch (IOException ex)
        {
            return ProfileValidationResult.Failed("$", $"could not be read: {ex.Message}");
        }
        catch (NotSupportedException ex)
        {
            return ProfileValidationResult.Failed("$", $"could not be read: {ex.Message}");
        }
    }

    /// <summary>
    /// Reads and parses a file. Problems with the file itself are errors whose path is
    /// <paramref name="path"/>: "file not found", "is a directory", "permission denied", too large.
    /// </summary>
    public static ProfileValidationResult ParseFile(string path, ProfileEnvelope? envelope = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var (bytes, error) = DocumentFile.Read(path, "profile", MaxBytes, TooLargeMessage);
        return error is null ? Parse(bytes, envelope) : new ProfileValidationResult(null, [error]);
    }

    /// <summary>Checks a profile that is already parsed (e.g. inside an MQTT <c>session.start</c> payload).</summary>
    public static ProfileValidationResult Parse(JsonElement element, ProfileEnvelope? envelope = null) =>
        ProfileReader.Read(element, envelope ?? ProfileEnvelope.Absolute());

    private static ProfileValidationResult TooLarge(string path, long length) => ProfileValidationResult.Failed(path, TooLargeMessage(length));

    private static string TooLargeMessage(long length) =>
        string.Create(CultureInfo.InvariantCulture, $"the profile is {length} bytes; a profile may be at most {MaxBytes} bytes (1 MiB)");

    internal static string NotJson(JsonException ex, ReadOnlySpan<byte> bytes)
    {
        var line = (ex.LineNumber ?? 0) + 1;
        var column = (ex.BytePositionInLine ?? 0) + 1;
        var reason = ex.Message;
        var cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut >= 0)
        {
            reason = reason[..cut];
        }

        var offset = Offset(bytes, line, column);
        if (offset >= 0 && offset < bytes.Length)
        {
            var rest = bytes[offset..];
            if (rest.StartsWith("NaN"u8) || rest.StartsWith("Infinity"u8) || rest.StartsWith("-Infinity"u8))
            {
                reason = "NaN and Infinity are not numbers; write a finite number";
            }
        }

        return string.Create(CultureInfo.InvariantCulture, $"not valid JSON at line {line}, byte {column}: {reason.TrimEnd('.')}");
    }

    /// <summary>Byte offset of a 1-based (line, byte-in-line) position, or -1.</summary>
    private static int Offset(ReadOnlySpan<byte> bytes, long line, long column)
    {
        var start = 0;
        for (var l = 1L; l < line; l++)
        {
            var next = bytes[start..].IndexOf((byte)'\n');
            if (next < 0)
            {
                return -1;
            }

            start += next + 1;
        }

        var offset = start + column - 1;
        return offset <= int.MaxValue ? (int)offset : -1;
    }

    internal static int? FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return null;
        }

        var i = 0;
        while (i < bytes.Length)
        {
            if (System.Text.Rune.DecodeFromUtf8(bytes[i..], out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return i;
            }

            i += consumed;
        }

        return null;
    }

    internal static (int Line, int Column) Position(ReadOnlySpan<byte> bytes, int offset)
    {
        var before = bytes[..offset];
        var line = before.Count((byte)'\n') + 1;
        var lastNewline = before.LastIndexOf((byte)'\n');
        return (line, offset - lastNewline);
    }
}
