using System.Globalization;
using System.Text;
using System.Text.Json;
using AmpsDevice.Protocol.Profiles;

namespace AmpsDevice.Simulator.Faults;

/// <summary>Who or what an event comes from: the JSON property that names its kind.</summary>
public enum ScenarioCategory
{
    /// <summary><c>"fault"</c>: something breaks in the hardware.</summary>
    Fault,

    /// <summary><c>"patient"</c>: the patient acts (some of it the hardware sees, rate-pain it does not).</summary>
    Patient,

    /// <summary><c>"therapist"</c>: a session command.</summary>
    Therapist,
}

/// <summary>One scripted event. <see cref="Path"/> is where it sits in the file (<c>events[3]</c>).</summary>
/// <param name="At">Seconds from the session's start.</param>
/// <param name="Category">fault, patient or therapist.</param>
/// <param name="Kind">The kind, e.g. <c>heater-stuck-on</c>, <c>withdraw</c>, <c>pause</c>.</param>
/// <param name="Target">A channel or sensor (<c>pad1</c>, <c>pad1.safety</c>, <c>pressure2</c>, <c>i2c-3</c>), when the kind takes one.</param>
/// <param name="Value">The kind's value (°C, N, ms, a 0-10 rating), when it takes one.</param>
/// <param name="DurationS">How long it lasts, s, for kinds that end by themselves (null: until the session ends).</param>
/// <param name="Path">JSON path of the event.</param>
public sealed record ScenarioEvent(double At, ScenarioCategory Category, string Kind, string? Target, double? Value, double? DurationS, string Path)
{
    /// <summary>The event acts on the simulated hardware (everything but rate-pain and therapist commands).</summary>
    public bool IsHardware => Category == ScenarioCategory.Fault || (Category == ScenarioCategory.Patient && Kind != "rate-pain");
}

/// <summary>A scenario file could not be used; the message starts with the JSON path of the problem.</summary>
public sealed class ScenarioException : Exception
{
    public ScenarioException() { }

    public ScenarioException(string message) : base(message) { }

    public ScenarioException(string message, Exception innerException) : base(message, innerException) { }
}

/// <summary>
/// A scenario file (docs/simulate.md): <c>{"events": [{"at": s, "fault"|"patient"|"therapist": kind,
/// "target": ..., "value": ..., "duration": s}]}</c>. Parsing checks every event against the device's
/// channels; the first problem is a <see cref="ScenarioException"/> naming its JSON path, for example
/// <c>events[3].target: 'pad9' is not a channel of this device</c>. Events are kept in time order
/// (file order among equal times).
/// </summary>
public sealed class Scenario
{
    private static readonly HashSet<string> FaultKinds =
    [
        "sensor-stuck", "sensor-disconnected", "sensor-offset", "sensor-noise", "heater-stuck-on", "cooler-stuck-on",
        "motor-stuck-on", "i2c-bus-error", "estop", "pressure-overload", "loop-stall", "contactor-welded", "contact-stuck",
    ];

    private const string NotText = "is not valid text: a \\u escape that is half of a surrogate pair (\\uD800 to \\uDFFF alone)";

    private static readonly HashSet<string> PatientKinds = ["rate-pain", "press-stop", "withdraw", "return"];

    private static readonly HashSet<string> TherapistKinds = ["pause", "resume", "stop", "ack"];

    private Scenario(IReadOnlyList<ScenarioEvent> events) => Events = events;

    public IReadOnlyList<ScenarioEvent> Events { get; }

    /// <summary>No events.</summary>
    public static Scenario Empty { get; } = new([]);

    /// <summary>The largest scenario file: a session's worth of events is a few kB; a stream that never ends (a device
    /// such as /dev/zero given by mistake) is refused at this size instead of filling the memory.</summary>
    public static DocumentKind Document { get; } = new("scenario", 1 << 20);

    /// <summary>Reads and parses a scenario file; an unreadable or oversized file is a <see cref="ScenarioException"/> too.</summary>
    public static Scenario Load(string path, SimulatedDeviceLayout layout)
    {
        string json;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
            var (bytes, tooLarge) = DocumentFile.ReadAll(stream, Document);
            if (tooLarge is not null)
            {
                throw new ScenarioException($"{path}: cannot read the scenario: {tooLarge}");
            }

            var text = Encoding.UTF8.GetString(bytes.Span);
            json = text.StartsWith('\uFEFF') ? text[1..] : text; // a byte order mark, as File.ReadAllText drops it
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ScenarioException($"{path}: cannot read the scenario: {ex.Message}", ex);
        }

        return Parse(json, layout);
    }

    /// <summary>Parses scenario JSON against the device's channels.</summary>
    public static Scenario Parse(string json, SimulatedDeviceLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json ?? "", new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new ScenarioException("$: " + JsonSyntaxError.Describe(ex, Encoding.UTF8.GetBytes(json ?? "")), ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ScenarioException($"$: must be an object with an \"events\" array, found {Describe(root)}");
            }

            JsonElement events = default;
            var found = false;
            foreach (var property in root.EnumerateObject())
            {
                var name = Name(property, "$");
                if (name == "events")
                {
                    events = property.Value;
                    found = true;
                }
                else if (name is not ("name" or "description" or "$schema"))
                {
                    throw new ScenarioException($"{Say.Field("$", name)}: unknown field (expected \"events\")");
                }
            }

            if (!found)
            {
                throw new ScenarioException("events: missing (an array of events is required)");
            }

            if (events.ValueKind != JsonValueKind.Array)
            {
                throw new ScenarioException($"events: must be an array, found {Describe(events)}");
            }

            var list = new List<ScenarioEvent>();
            var index = 0;
            foreach (var element in events.EnumerateArray())
            {
                list.Add(ParseEvent(element, $"events[{index}]", layout));
                index++;
            }

            return new Scenario([.. list.Select((e, i) => (e, i)).OrderBy(p => p.e.At).ThenBy(p => p.i).Select(p => p.e)]);
        }
    }

    private static ScenarioEvent ParseEvent(JsonElement element, string path, SimulatedDeviceLayout layout)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new ScenarioException($"{path}: must be an object, found {Describe(element)}");
        }

        double? at = null;
        double? value = null;
        double? duration = null;
        string? target = null;
        (ScenarioCategory Category, string Kind)? kind = null;
        foreach (var property in element.EnumerateObject())
        {
            var field = Name(property, path);
            var p = Say.Field(path, field);
            switch (field)
            {
                case "at":
                    at = Number(property.Value, p);
                    if (at < 0)
                    {
                        throw new ScenarioException($"{p}: {Format(at.Value)} is negative (seconds from the session's start)");
                    }

                    break;
                case "value":
                    value = Number(property.Value, p);
                    break;
                case "duration":
                    duration = Number(property.Value, p);
                    if (!(duration > 0))
                    {
                        throw new ScenarioException($"{p}: {Format(duration.Value)} must be a positive number of seconds");
                    }

                    break;
                case "target":
                    target = Text(property.Value, p);
                    break;
                case "fault" or "patient" or "therapist":
                    if (kind is not null)
                    {
                        throw new ScenarioException($"{p}: an event has exactly one of \"fault\", \"patient\", \"therapist\"");
                    }

                    var category = field switch
                    {
                        "fault" => ScenarioCategory.Fault,
                        "patient" => ScenarioCategory.Patient,
                        _ => ScenarioCategory.Therapist,
                    };
                    var name = Text(property.Value, p);
                    var known = category switch
                    {
                        ScenarioCategory.Fault => FaultKinds,
                        ScenarioCategory.Patient => PatientKinds,
                        _ => TherapistKinds,
                    };
                    if (!known.Contains(name))
                    {
                        throw new ScenarioException($"{p}: '{name}' is not a {field} kind (one of {string.Join(", ", known.Order(StringComparer.Ordinal))})");
                    }

                    kind = (category, name);
                    break;
                default:
                    throw new ScenarioException($"{p}: unknown field (expected at, fault/patient/therapist, target, value, duration)");
            }
        }

        if (at is null)
        {
            throw new ScenarioException($"{path}.at: missing (seconds from the session's start)");
        }

        if (kind is null)
        {
            throw new ScenarioException($"{path}: missing its kind: one of \"fault\", \"patient\", \"therapist\"");
        }

        var (cat, k) = kind.Value;
        CheckTarget(cat, k, target, path, layout);
        CheckValue(k, value, path);
        if (duration is not null && k is not ("i2c-bus-error" or "estop" or "press-stop"))
        {
            throw new ScenarioException($"{path}.duration: '{k}' does not end by itself (duration applies to i2c-bus-error, estop and press-stop)");
        }

        return new ScenarioEvent(at.Value, cat, k, target, value, duration, path);
    }

    private static void CheckTarget(ScenarioCategory category, string kind, string? target, string path, SimulatedDeviceLayout layout)
    {
        var p = $"{path}.target";
        string? needs = kind switch
        {
            "sensor-stuck" or "sensor-disconnected" or "sensor-offset" or "sensor-noise" => "sensor",
            "heater-stuck-on" or "cooler-stuck-on" => "pad",
            "motor-stuck-on" => "vib",
            "pressure-overload" or "withdraw" or "return" => "pressure",
            "i2c-bus-error" => "bus",
            _ => null,
        };
        if (needs is null)
        {
            if (target is not null)
            {
                throw new ScenarioException($"{p}: '{kind}' takes no target");
            }

            return;
        }

        if (needs == "bus")
        {
            if (target is not null && target != $"i2c-{layout.MainI2cBus}" && target != $"i2c-{layout.SafetyI2cBus}")
            {
                throw new ScenarioException($"{p}: '{target}' is not a bus of this device (i2c-{layout.MainI2cBus} or i2c-{layout.SafetyI2cBus})");
            }

            return;
        }

        if (target is null)
        {
            throw new ScenarioException($"{p}: missing ('{kind}' needs a {(needs == "sensor" ? "sensor: padN, padN.control, padN.safety or pressureN" : needs + "N channel")})");
        }

        if (!layout.ParseChannel(target, out var channelKind, out _, out _))
        {
            throw new ScenarioException($"{p}: '{target}' is not a channel of this device");
        }

        var fits = needs == "sensor" ? channelKind is "pad" or "pressure" : channelKind == needs && !target.Contains('.', StringComparison.Ordinal);
        if (!fits)
        {
            throw new ScenarioException($"{p}: '{target}' cannot take '{kind}' ({(needs == "sensor" ? "a temperature or pressure sensor" : "a " + needs + "N channel")} is needed)");
        }

        _ = category;
    }

    private static void CheckValue(string kind, double? value, string path)
    {
        var p = $"{path}.value";
        switch (kind)
        {
            case "sensor-offset":
                Require(value, p, kind, "the offset, °C or N");
                break;
            case "sensor-noise":
                Require(value, p, kind, "the noise's standard deviation, °C or N");
                if (value < 0)
                {
                    throw new ScenarioException($"{p}: {Format(value!.Value)} is negative (a standard deviation)");
                }

                break;
            case "pressure-overload":
                Require(value, p, kind, "the force, N");
                if (value < 0)
                {
                    throw new ScenarioException($"{p}: {Format(value!.Value)} is negative (a force in N)");
                }

                break;
            case "loop-stall":
                Require(value, p, kind, "the stall, ms");
                if (!(value > 0))
                {
                    throw new ScenarioException($"{p}: {Format(value!.Value)} must be a positive number of milliseconds");
                }

                break;
            case "rate-pain":
                Require(value, p, kind, "the rating, 0-10");
                if (value is < 0 or > 10 || value != Math.Floor(value!.Value))
                {
                    throw new ScenarioException($"{p}: {Format(value!.Value)} is not a pain rating (a whole number 0-10)");
                }

                break;
            default:
                if (value is not null)
                {
                    throw new ScenarioException($"{p}: '{kind}' takes no value");
                }

                break;
        }
    }

    private static void Require(double? value, string path, string kind, string what)
    {
        if (value is null)
        {
            throw new ScenarioException($"{path}: missing ('{kind}' needs {what})");
        }
    }

    private static double Number(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            throw new ScenarioException($"{path}: must be a number, found {Describe(element)}");
        }

        return number;
    }

    private static string Text(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            throw new ScenarioException($"{path}: must be a string, found {Describe(element)}");
        }

        return Unescaped(element) ?? throw new ScenarioException($"{path}: {NotText}");
    }

    private static string Name(JsonProperty property, string path)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException)
        {
            throw new ScenarioException($"{path}: a field name {NotText}");
        }
    }

    /// <summary>A string's text, or null for an escape that is half of a surrogate pair, which the JSON reader
    /// accepts but <see cref="JsonElement.GetString"/> refuses.</summary>
    private static string? Unescaped(JsonElement element)
    {
        try
        {
            return element.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => Unescaped(element) is { } text ? $"the string \"{text}\"" : "a string that is not valid text",
        JsonValueKind.Number => $"the number {element.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"{element.GetRawText()}",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => element.ValueKind.ToString(),
    };

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
