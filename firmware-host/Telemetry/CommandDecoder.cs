using System.Buffers;
using System.Globalization;
using System.Text.Json;
using AmpsDevice.Protocol.Messages;
using AmpsDevice.Protocol.Profiles;

namespace AmpsDevice.FirmwareHost.Telemetry;

/// <summary>
/// Reads a remote command's JSON body field by field, so that a bad body is refused with the field and the
/// problem in words (<c>value: expected an integer 0..10 (numeric rating scale), got "four"</c>), never with the
/// name of a .NET type. Fields this device does not know are ignored (a newer dashboard may send more); a field
/// given as <c>null</c> counts as absent. An empty body is a command without fields.
/// </summary>
public static class CommandDecoder
{
    private const string IssuedAtExample = "2026-03-01T09:30:00Z";

    /// <summary>Decodes <paramref name="body"/> as the payload of command <paramref name="name"/>; false with
    /// <paramref name="error"/> naming the field and the problem when it cannot.</summary>
    public static bool TryDecode(string name, ReadOnlySequence<byte> body, out ICommandPayload? payload, out string? error)
    {
        payload = null;
        error = null;
        if (body.IsEmpty)
        {
            payload = Empty(name);
            return true;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            error = Malformed(ex);
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = $"expected a JSON object, got {Describe(root)}";
                return false;
            }

            if (UnreadableFieldName(root) is { } unreadable)
            {
                error = unreadable;
                return false;
            }

            var fields = new Fields(root);
            var id = fields.String("id");
            var issuedAt = fields.Time("issuedAt");
            payload = name switch
            {
                CommandNames.SessionStart => new StartSessionCommand(fields.String("patientId"), fields.Any("profile"), fields.String("profileId"), issuedAt, id),
                CommandNames.PainRate => new PainRateCommand(fields.Integer("value", $"an integer 0..{Protocol.Envelope.AbsoluteLimits.PainScaleMax} (numeric rating scale)"), issuedAt, id),
                CommandNames.ProfilesGet => new ProfileGetCommand(fields.String("profileId"), issuedAt, id),
                _ => new EmptyCommand(issuedAt, id),
            };
            if (fields.Error is not null)
            {
                payload = null;
                error = fields.Error;
                return false;
            }

            return true;
        }
    }

    private static ICommandPayload Empty(string name) => name switch
    {
        CommandNames.SessionStart => new StartSessionCommand(null),
        CommandNames.PainRate => new PainRateCommand(null),
        CommandNames.ProfilesGet => new ProfileGetCommand(null),
        _ => new EmptyCommand(),
    };

    /// <summary>
    /// A field whose name is not text (half a surrogate pair, <c>"\uD888id"</c>), which looking up any field by name
    /// would throw on rather than skip: found by fuzzing (docs/safety.md, "Fuzzing").
    /// </summary>
    private static string? UnreadableFieldName(JsonElement root)
    {
        foreach (var property in root.EnumerateObject())
        {
            if (JsonFields.NameOf(property) is null)
            {
                return $"a field name {JsonFields.NotText}";
            }
        }

        return null;
    }

    /// <summary>The reader's own words (which name no type), with the position made 1-based and put first.</summary>
    private static string Malformed(JsonException ex)
    {
        var what = ex.Message;
        var cut = what.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut >= 0)
        {
            what = what[..cut];
        }

        var where = ex.LineNumber is { } line && ex.BytePositionInLine is { } position
            ? string.Create(CultureInfo.InvariantCulture, $" at line {line + 1}, byte {position + 1}")
            : "";
        return $"malformed JSON{where}: {what}";
    }

    /// <summary>What a value is, in words, with a short excerpt: <c>a number (42)</c>, <c>a string ("four")</c>.</summary>
    private static string Describe(JsonElement value)
    {
        var kind = value.ValueKind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            _ => "null",
        };
        if (value.ValueKind is JsonValueKind.Object or JsonValueKind.Array or JsonValueKind.Null)
        {
            return kind;
        }

        try
        {
            var text = value.GetRawText();
            return $"{kind} ({(text.Length > 40 ? text[..40] + "…" : text)})";
        }
        catch (InvalidOperationException)
        {
            return kind + " that is not valid UTF-8";
        }
    }

    /// <summary>The object's fields, read one by one; the first problem is kept in <see cref="Error"/>.</summary>
    private sealed class Fields(JsonElement root)
    {
        public string? Error { get; private set; }

        public string? String(string name)
        {
            if (!Find(name, out var value))
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.String)
            {
                return Fail<string>(name, "a string", value);
            }

            try
            {
                return value.GetString();
            }
            catch (InvalidOperationException)
            {
                return Fail<string>(name, "a string of valid UTF-8 text", value);
            }
        }

        public DateTimeOffset? Time(string name)
        {
            if (!Find(name, out var value))
            {
                return null;
            }

            return value.ValueKind == JsonValueKind.String && TryGetTime(value, out var time)
                ? time
                : Fail<DateTimeOffset?>(name, $"an ISO 8601 date and time such as {IssuedAtExample}", value);
        }

        // TryGetDateTimeOffset throws, rather than returning false, on an escape that is half of a surrogate pair
        // ("\uDBFF"): found by fuzzing (docs/safety.md, "Fuzzing").
        private static bool TryGetTime(JsonElement value, out DateTimeOffset time)
        {
            try
            {
                return value.TryGetDateTimeOffset(out time);
            }
            catch (InvalidOperationException)
            {
                time = default;
                return false;
            }
        }

        public int? Integer(string name, string expected)
        {
            if (!Find(name, out var value))
            {
                return null;
            }

            return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
                ? number
                : Fail<int?>(name, expected, value);
        }

        public JsonElement? Any(string name) => Find(name, out var value) ? value.Clone() : null;

        private bool Find(string name, out JsonElement value) =>
            root.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

        private T? Fail<T>(string name, string expected, JsonElement got)
        {
            Error ??= $"{name}: expected {expected}, got {Describe(got)}";
            return default;
        }
    }
}
