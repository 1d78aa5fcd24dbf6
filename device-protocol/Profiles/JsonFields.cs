using System.Globalization;
using System.Text.Json;
using static AmpsDevice.Protocol.Profiles.Say;

namespace AmpsDevice.Protocol.Profiles;

/// <summary>
/// Strict reading of one JSON object's fields, for the profile, plan and scenario readers alike: each known field once,
/// an unknown field an error naming the close known one ("did you mean ...") and the fields the object takes, a
/// repeated field an error, a wrong type an error naming what was expected; NaN and Infinity are never numbers,
/// in whatever spelling a string gives them. Every problem goes to the <see cref="ErrorSink"/>; a field that is
/// missing or wrong reads as null.
/// </summary>
internal sealed class JsonFields
{
    /// <summary>
    /// Why a string cannot be read as text. A file's bytes are checked for UTF-8 before parsing, so there it is
    /// an escape naming half a surrogate pair; a document inside an MQTT command can also hold invalid UTF-8.
    /// </summary>
    public const string NotText = "is not valid text: invalid UTF-8, or a \\u escape that is half of a surrogate pair (\\uD800 to \\uDFFF alone)";

    private readonly Dictionary<string, JsonElement> _fields;
    private readonly string _path;
    private readonly ErrorSink _errors;

    private JsonFields(Dictionary<string, JsonElement> fields, string path, ErrorSink errors)
    {
        _fields = fields;
        _path = path;
        _errors = errors;
    }

    /// <summary>The fields of <paramref name="element"/>, or null (and an error) when it is not an object.</summary>
    /// <param name="element">The object.</param>
    /// <param name="path">Its JSON path.</param>
    /// <param name="what">What it is, for the messages ("a plan", "a step").</param>
    /// <param name="known">The fields it may have.</param>
    /// <param name="errors">Where the problems go.</param>
    /// <param name="takes">What leads the list of fields in the unknown-field hint; "<paramref name="what"/> takes" by default.</param>
    /// <param name="unlisted">A known field the hint leaves out because it was read already (a step's kind).</param>
    public static JsonFields? Of(JsonElement element, string path, string what, string[] known, ErrorSink errors, string? takes = null, string? unlisted = null)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(path, $"expected {what} (a JSON object), got {Describe(element)}");
            return null;
        }

        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (NameOf(property) is not { } name)
            {
                errors.Add(path, $"a field name {NotText}");
                continue;
            }

            if (Array.IndexOf(known, name) < 0)
            {
                var listed = string.Join(", ", known.Where(k => k != unlisted));
                errors.Add(Field(path, name), $"unknown field{Suggest(name, known)}; {takes ?? what + " takes"} {listed}");
            }
            else if (!fields.TryAdd(name, property.Value))
            {
                errors.Add(Field(path, name), "appears more than once; write each field once");
            }
        }

        return new JsonFields(fields, path, errors);
    }

    public bool Has(string name) => _fields.ContainsKey(name);

    public string PathOf(string name) => Field(_path, name);

    public bool TryGet(string name, out JsonElement value) => _fields.TryGetValue(name, out value);

    public string? Text(string name, bool required)
    {
        if (!_fields.TryGetValue(name, out var value))
        {
            Missing(name, required, "a string");
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            _errors.Add(PathOf(name), $"expected a string, got {Describe(value)}");
            return null;
        }

        var text = Unescaped(value);
        if (text is null)
        {
            _errors.Add(PathOf(name), NotText);
        }

        return text;
    }

    public double? Number(string name, bool required)
    {
        if (!_fields.TryGetValue(name, out var value))
        {
            Missing(name, required, "a number");
            return null;
        }

        var path = PathOf(name);
        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                if (value.TryGetDouble(out var d) && double.IsFinite(d))
                {
                    return d;
                }

                _errors.Add(path, $"{Truncate(value.GetRawText())} is too large to be a number the device can use");
                return null;
            case JsonValueKind.String:
                _errors.Add(path, NumberInQuotes(value));
                return null;
            default:
                _errors.Add(path, $"expected a number, got {Describe(value)}");
                return null;
        }
    }

    /// <summary>A whole number in <paramref name="min"/>..<paramref name="max"/>; <paramref name="fallback"/> when absent and optional.</summary>
    public int? Integer(string name, bool required, int min, int max, string meaning, int? fallback = null)
    {
        if (!Has(name) && !required)
        {
            return fallback;
        }

        if (Number(name, required) is not { } n)
        {
            return null;
        }

        if (n != Math.Floor(n))
        {
            _errors.Add(PathOf(name), $"{N(n)} is not a whole number; {meaning}");
            return null;
        }

        if (n < min || n > max)
        {
            _errors.Add(PathOf(name), string.Create(CultureInfo.InvariantCulture, $"{N(n)} is outside {min}..{max}; {meaning}"));
            return null;
        }

        return (int)n;
    }

    public bool? Bool(string name, bool fallback)
    {
        if (!_fields.TryGetValue(name, out var value))
        {
            return fallback;
        }

        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        _errors.Add(PathOf(name), $"expected true or false, got {Describe(value)}");
        return null;
    }

    /// <summary>What a JSON value is, for an error message ("the number 1e999", "a list (array)").</summary>
    public static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list (array)",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => $"the number {Truncate(element.GetRawText())}",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    /// <summary>"; did you mean "targetC"?" when a known name is close (case or up to 2 edits), else "".</summary>
    public static string Suggest(string name, IEnumerable<string> known)
    {
        if (name.Length > 64)
        {
            return string.Empty;
        }

        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in known)
        {
            var distance = string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase) ? 0 : Distance(name, candidate);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best is not null && bestDistance <= Math.Max(1, Math.Min(2, name.Length / 3)) ? $" (did you mean \"{best}\"?)" : string.Empty;
    }

    /// <summary>
    /// A string's text, or null when it cannot be text: an escape that is half of a UTF-16 surrogate
    /// pair (<c>"\uD800"</c>) passes the JSON reader but not <see cref="JsonElement.GetString"/>.
    /// </summary>
    public static string? Unescaped(JsonElement value)
    {
        try
        {
            return value.GetString() ?? string.Empty;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>A field's name, or null when it cannot be text (half a surrogate pair, as for <see cref="Unescaped"/>).</summary>
    public static string? NameOf(JsonProperty property)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>
    /// Why a string where a number belongs is refused. NaN and Infinity are refused in any spelling a person might
    /// write them ("nan", "+inf", "∞") and as any text that reads as a number too large to be finite ("1e999").
    /// </summary>
    private static string NumberInQuotes(JsonElement value)
    {
        if (Unescaped(value) is not { } text)
        {
            return $"expected a number, got a string that {NotText}";
        }

        var parsed = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number);
        var unsigned = text.Trim().TrimStart('+', '-');
        var namesNonFinite = unsigned.Equals("NaN", StringComparison.OrdinalIgnoreCase)
            || unsigned.StartsWith("Inf", StringComparison.OrdinalIgnoreCase)
            || unsigned == "∞";
        if (namesNonFinite || (parsed && !double.IsFinite(number)))
        {
            return $"{Quote(text)} is not a finite number; expected a number";
        }

        return parsed
            ? $"expected a number, got the string {Quote(text)}; write the number without quotes"
            : $"expected a number, got the string {Quote(text)}";
    }

    /// <summary>A value's text cut to 40 characters, so that a huge value cannot flood an error message.</summary>
    private static string Truncate(string text) => text.Length > 40 ? text[..40] + "..." : text;

    /// <summary>Levenshtein distance, case-insensitive.</summary>
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    private void Missing(string name, bool required, string what)
    {
        if (required)
        {
            _errors.Add(PathOf(name), $"missing required field ({what})");
        }
    }
}
