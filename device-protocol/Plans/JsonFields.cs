using System.Globalization;
using System.Text.Json;
using AmpsDevice.Protocol.Profiles;
using static AmpsDevice.Protocol.Profiles.Say;

namespace AmpsDevice.Protocol.Plans;

/// <summary>
/// Strict reading of one JSON object's fields for the plan reader: each known field once, an unknown or
/// repeated field an error, a wrong type an error naming what was expected. Every problem goes to the
/// <see cref="ErrorSink"/>; a field that is missing or wrong reads as null.
/// </summary>
internal sealed class JsonFields
{
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
    public static JsonFields? Of(JsonElement element, string path, string what, string[] known, ErrorSink errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(path, $"expected {what} (a JSON object), got {ProfileReader.Describe(element)}");
            return null;
        }

        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            string name;
            try
            {
                name = property.Name;
            }
            catch (InvalidOperationException)
            {
                errors.Add(path, "a field name is not valid UTF-8 text");
                continue;
            }

            if (Array.IndexOf(known, name) < 0)
            {
                errors.Add(Field(path, name), $"unknown field; {what} takes {string.Join(", ", known)}");
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
            _errors.Add(PathOf(name), $"expected a string, got {ProfileReader.Describe(value)}");
            return null;
        }

        try
        {
            return value.GetString() ?? string.Empty;
        }
        catch (InvalidOperationException)
        {
            _errors.Add(PathOf(name), "is not valid UTF-8 text");
            return null;
        }
    }

    public double? Number(string name, bool required)
    {
        if (!_fields.TryGetValue(name, out var value))
        {
            Missing(name, required, "a number");
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number)
        {
            if (value.TryGetDouble(out var d) && double.IsFinite(d))
            {
                return d;
            }

            _errors.Add(PathOf(name), $"{ProfileReader.Truncate(value.GetRawText())} is too large to be a number the device can use");
            return null;
        }

        if (value.ValueKind == JsonValueKind.String && value.GetString() is { } text
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
        {
            _errors.Add(PathOf(name), double.IsFinite(parsed)
                ? $"expected a number, got the string {Quote(text)}; write the number without quotes"
                : $"{Quote(text)} is not a finite number; expected a number");
            return null;
        }

        _errors.Add(PathOf(name), $"expected a number, got {ProfileReader.Describe(value)}");
        return null;
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

        _errors.Add(PathOf(name), $"expected true or false, got {ProfileReader.Describe(value)}");
        return null;
    }

    private void Missing(string name, bool required, string what)
    {
        if (required)
        {
            _errors.Add(PathOf(name), $"missing required field ({what})");
        }
    }
}
