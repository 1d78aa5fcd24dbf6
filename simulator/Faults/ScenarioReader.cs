using System.Text.Json;
using AmpsDevice.Protocol.Profiles;
using static AmpsDevice.Protocol.Profiles.Say;

namespace AmpsDevice.Simulator.Faults;

/// <summary>
/// Walks a parsed scenario document into a <see cref="Scenario"/> through the <see cref="JsonFields"/> that profiles
/// and plans are read with, so that its shape errors are theirs (an unknown field with "did you mean" and the fields
/// the object takes, a repeated field, "expected a number, got ..."); then checks every event against the device's
/// channels. A field that is present but wrong is not reported again as missing.
/// </summary>
internal sealed class ScenarioReader
{
    private const string Categories = "one of \"fault\", \"patient\", \"therapist\"";

    private static readonly string[] TopFields = ["events", "name", "description", "$schema"];

    private static readonly string[] EventFields = ["at", "fault", "patient", "therapist", "target", "value", "duration"];

    /// <summary>The kinds of each category, by the JSON property that names the category.</summary>
    private static readonly (string Field, ScenarioCategory Category, string[] Kinds)[] Kinds =
    [
        ("fault", ScenarioCategory.Fault,
        [
            "sensor-stuck", "sensor-disconnected", "sensor-offset", "sensor-noise", "heater-stuck-on", "cooler-stuck-on",
            "motor-stuck-on", "i2c-bus-error", "estop", "pressure-overload", "loop-stall", "contactor-welded", "contact-stuck",
        ]),
        ("patient", ScenarioCategory.Patient, ["rate-pain", "press-stop", "withdraw", "return"]),
        ("therapist", ScenarioCategory.Therapist, ["pause", "resume", "stop", "ack"]),
    ];

    private readonly SimulatedDeviceLayout _layout;
    private readonly ErrorSink _errors = new();

    private ScenarioReader(SimulatedDeviceLayout layout) => _layout = layout;

    public static ValidationResult<Scenario> Read(JsonElement root, SimulatedDeviceLayout layout)
    {
        var reader = new ScenarioReader(layout);
        var events = reader.ReadEvents(root);
        return new ValidationResult<Scenario>(events is null ? null : new Scenario(events), reader._errors.ToList());
    }

    /// <summary>The events in time order (file order among equal times), or null when there is no list to read.</summary>
    private List<ScenarioEvent>? ReadEvents(JsonElement root)
    {
        var fields = JsonFields.Of(root, "$", "a scenario", TopFields, _errors);
        if (fields is null)
        {
            return null;
        }

        fields.Text("name", required: false);
        fields.Text("description", required: false);
        fields.Text("$schema", required: false);
        var path = fields.PathOf("events");
        if (!fields.TryGet("events", out var array))
        {
            _errors.Add(path, "missing required field: the list of events");
            return null;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            _errors.Add(path, $"expected a list of events (a JSON array), got {JsonFields.Describe(array)}");
            return null;
        }

        var events = new List<ScenarioEvent>();
        var i = 0;
        foreach (var element in array.EnumerateArray())
        {
            if (ReadEvent(element, Index(path, i)) is { } read)
            {
                events.Add(read);
            }

            i++;
        }

        return [.. events.Select((e, order) => (e, order)).OrderBy(p => p.e.At).ThenBy(p => p.order).Select(p => p.e)];
    }

    private ScenarioEvent? ReadEvent(JsonElement element, string path)
    {
        var f = JsonFields.Of(element, path, "an event", EventFields, _errors);
        if (f is null)
        {
            return null;
        }

        var at = f.Number("at", required: false);
        if (!f.Has("at"))
        {
            _errors.Add(f.PathOf("at"), "missing required field: seconds from the session's start");
        }
        else if (at < 0)
        {
            _errors.Add(f.PathOf("at"), $"{N(at.Value)} is negative (seconds from the session's start)");
            at = null;
        }

        var kind = ReadKind(f, path);
        var target = f.Text("target", required: false);
        var value = f.Number("value", required: false);
        var duration = f.Number("duration", required: false);
        if (duration <= 0)
        {
            _errors.Add(f.PathOf("duration"), $"{N(duration.Value)} must be a positive number of seconds");
            duration = null;
        }

        if (at is null || kind is not (var category, var name))
        {
            return null;
        }

        // A target or value that is present but not text or a number has its error already.
        if (!f.Has("target") || target is not null)
        {
            CheckTarget(name, target, f.PathOf("target"));
        }

        if (!f.Has("value") || value is not null)
        {
            CheckValue(name, value, f.PathOf("value"));
        }

        if (duration is not null && name is not ("i2c-bus-error" or "estop" or "press-stop"))
        {
            _errors.Add(f.PathOf("duration"), $"'{name}' does not end by itself (duration applies to i2c-bus-error, estop and press-stop)");
        }

        return new ScenarioEvent(at.Value, category, name, target, value, duration, path);
    }

    /// <summary>The one of fault, patient or therapist the event has, and its kind; null (and an error) otherwise.</summary>
    private (ScenarioCategory Category, string Kind)? ReadKind(JsonFields f, string path)
    {
        var named = Kinds.Where(k => f.Has(k.Field)).ToList();
        if (named.Count == 0)
        {
            _errors.Add(path, $"missing its kind: {Categories}");
            return null;
        }

        if (named.Count > 1)
        {
            _errors.Add(f.PathOf(named[1].Field), $"an event has exactly {Categories}");
            return null;
        }

        var (field, category, kinds) = named[0];
        if (f.Text(field, required: true) is not { } kind)
        {
            return null;
        }

        if (!kinds.Contains(kind))
        {
            _errors.Add(f.PathOf(field), $"'{kind}' is not a {field} kind{JsonFields.Suggest(kind, kinds)}; the {field} kinds are {string.Join(", ", kinds.Order(StringComparer.Ordinal))}");
            return null;
        }

        return (category, kind);
    }

    private void CheckTarget(string kind, string? target, string path)
    {
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
                _errors.Add(path, $"'{kind}' takes no target");
            }
        }
        else if (needs == "bus")
        {
            if (target is not null && target != $"i2c-{_layout.MainI2cBus}" && target != $"i2c-{_layout.SafetyI2cBus}")
            {
                _errors.Add(path, $"'{target}' is not a bus of this device (i2c-{_layout.MainI2cBus} or i2c-{_layout.SafetyI2cBus})");
            }
        }
        else if (target is null)
        {
            _errors.Add(path, $"missing ('{kind}' needs a {(needs == "sensor" ? "sensor: padN, padN.control, padN.safety or pressureN" : needs + "N channel")})");
        }
        else if (!_layout.ParseChannel(target, out var channelKind, out _, out _))
        {
            _errors.Add(path, $"'{target}' is not a channel of this device");
        }
        else if (needs == "sensor" ? channelKind is not ("pad" or "pressure") : channelKind != needs || target.Contains('.', StringComparison.Ordinal))
        {
            _errors.Add(path, $"'{target}' cannot take '{kind}' ({(needs == "sensor" ? "a temperature or pressure sensor" : "a " + needs + "N channel")} is needed)");
        }
    }

    private void CheckValue(string kind, double? value, string path)
    {
        // What the kind's value is, and what is wrong with a given one (null: nothing).
        (string Meaning, Func<double, string?> Problem)? rule = kind switch
        {
            "sensor-offset" => ("the offset, °C or N", _ => null),
            "sensor-noise" => ("the noise's standard deviation, °C or N", v => v < 0 ? $"{N(v)} is negative (a standard deviation)" : null),
            "pressure-overload" => ("the force, N", v => v < 0 ? $"{N(v)} is negative (a force in N)" : null),
            "loop-stall" => ("the stall, ms", v => v > 0 ? null : $"{N(v)} must be a positive number of milliseconds"),
            "rate-pain" => ("the rating, 0-10", v => v is < 0 or > 10 || v != Math.Floor(v) ? $"{N(v)} is not a pain rating (a whole number 0-10)" : null),
            _ => null,
        };
        var problem = (rule, value) switch
        {
            (null, null) => null,
            (null, _) => $"'{kind}' takes no value",
            (var (meaning, _), null) => $"missing ('{kind}' needs {meaning})",
            (var (_, check), { } v) => check(v),
        };
        if (problem is not null)
        {
            _errors.Add(path, problem);
        }
    }
}
