using System.Globalization;
using System.Text.Json;

namespace AmpsDevice.Protocol.Profiles;

/// <summary>
/// Malformed JSON in words, the same for every document the device reads (profiles, plans, the simulator's
/// scenarios): "not valid JSON at line L, byte B: reason", 1-based, and NaN or Infinity named as what they are.
/// </summary>
public static class JsonSyntaxError
{
    /// <summary>The message for <paramref name="ex"/>, thrown while parsing <paramref name="utf8"/>.</summary>
    public static string Describe(JsonException ex, ReadOnlySpan<byte> utf8)
    {
        ArgumentNullException.ThrowIfNull(ex);
        var line = (ex.LineNumber ?? 0) + 1;
        var column = (ex.BytePositionInLine ?? 0) + 1;

        // The reader's own suffix ("LineNumber: 0 | BytePositionInLine: 3.") is 0-based and would contradict the position given.
        var reason = ex.Message;
        var cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut >= 0)
        {
            reason = reason[..cut];
        }

        var offset = Offset(utf8, line, column);
        if (offset >= 0 && offset < utf8.Length)
        {
            var rest = utf8[offset..];
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
}
