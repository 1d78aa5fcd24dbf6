using System.Globalization;
using System.Text.Json;
using static AmpsDevice.Protocol.Profiles.Say;

namespace AmpsDevice.Protocol.Profiles;

/// <summary>
/// Walks a parsed JSON document into a <see cref="StimulusProfile"/>, collecting every shape error
/// (wrong type, unknown or repeated field, missing field, unknown kind) and every range error
/// (<see cref="StepRules"/>), then the whole-profile checks (<see cref="ProfileValidator"/>).
/// A step with a missing or mistyped required field is left out of the partial profile that the
/// whole-profile checks see; its other fields are still checked.
/// </summary>
internal sealed class ProfileReader
{
    private static readonly string[] TopFields = ["schema", "name", "description", "painStopAt", "steps"];

    private static readonly Dictionary<string, string[]> StepFields = new(StringComparer.Ordinal)
    {
        ["thermal"] = ["kind", "pad", "targetC", "rampCPerS", "holdS", "returnToNeutral", "label"],
        ["vibration"] = ["kind", "channel", "frequencyHz", "amplitude", "durationS", "pattern", "onS", "offS", "label"],
        ["pressure"] = ["kind", "channel", "targetN", "toleranceN", "holdS", "timeoutS", "label"],
        ["rest"] = ["kind", "durationS", "label"],
        ["breathing"] = ["kind", "channel", "breathsPerMin", "durationS", "label"],
        ["parallel"] = ["kind", "steps", "label"],
    };

    private static readonly string KindList = string.Join(", ", StepFields.Keys);

    private readonly ProfileEnvelope _envelope;
    private readonly ErrorSink _errors = new();
    private readonly Dictionary<ProfileStep, string> _paths = new(ReferenceEqualityComparer.Instance);

    private ProfileReader(ProfileEnvelope envelope) => _envelope = envelope;

    public static ProfileValidationResult Read(JsonElement root, ProfileEnvelope envelope)
    {
        var reader = new ProfileReader(envelope);
        var profile = reader.ReadProfile(root);
        return new ProfileValidationResult(profile, reader._errors.ToList());
    }

    private StimulusProfile? ReadProfile(JsonElement root)
    {
        var fields = Fields(root, "$", "a profile", TopFields, "a profile takes");
        if (fields is null)
        {
            return null;
        }

        var schema = Text(fields, "$", "schema", required: true);
        var name = Text(fields, "$", "name", required: true);
        var description = Text(fields, "$", "description", required: false);
        var painStopAt = Number(fields, "$", "painStopAt", required: true);
        StepRules.Top(schema, name, description, painStopAt, _errors);

        var steps = ReadStepList(fields, "$", "steps", insideParallel: false);
        if (steps is null)
        {
            return null;
        }

        var profile = new StimulusProfile(name ?? string.Empty, (int)Math.Clamp(painStopAt ?? 1, 0, 100), steps)
        {
            Schema = schema ?? StimulusProfile.SchemaId,
            Description = description,
        };
        ProfileValidator.CheckAcrossSteps(profile, step => _paths[step], _envelope, _errors);
        return profile;
    }

    private List<ProfileStep>? ReadStepList(Dictionary<string, JsonElement> fields, string parent, string field, bool insideParallel)
    {
        var path = Field(parent, field);
        if (!fields.TryGetValue(field, out var array))
        {
            _errors.Add(path, "missing required field: the list of steps");
            return null;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            _errors.Add(path, $"expected a list of steps (a JSON array), got {Describe(array)}");
            return null;
        }

        var count = array.GetArrayLength();
        if (count == 0)
        {
            _errors.Add(path, insideParallel
                ? "a parallel step needs at least one step"
                : "the profile has no steps; at least one is required");
            return null;
        }

        if (count > StimulusProfile.MaxSteps)
        {
            _errors.Add(path, $"{count} steps is more than the {StimulusProfile.MaxSteps} a profile may hold");
            return null;
        }

        var steps = new List<ProfileStep>(count);
        var i = 0;
        foreach (var element in array.EnumerateArray())
        {
            if (ReadStep(element, Index(path, i), insideParallel) is { } step)
            {
                steps.Add(step);
            }

            i++;
        }

        return steps.Count == 0 ? null : steps;
    }

    private ProfileStep? ReadStep(JsonElement element, string path, bool insideParallel)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            _errors.Add(path, $"expected a step (a JSON object with a \"kind\"), got {Describe(element)}");
            return null;
        }

        string? kind = null;
        var kindPath = Field(path, "kind");
        foreach (var property in element.EnumerateObject())
        {
            if (SafeName(property) == "kind")
            {
                if (property.Value.ValueKind != JsonValueKind.String)
                {
                    _errors.Add(kindPath, $"expected the step kind as a string ({KindList}), got {Describe(property.Value)}");
                    return null;
                }

                kind = SafeString(property.Value, kindPath);
                if (kind is null)
                {
                    return null;
                }

                break;
            }
        }

        if (kind is null)
        {
            _errors.Add(kindPath, $"missing required field: every step needs a kind ({KindList})");
            return null;
        }

        if (!StepFields.TryGetValue(kind, out var known))
        {
            _errors.Add(kindPath, $"unknown step kind {Quote(kind)}{Suggest(kind, StepFields.Keys)}; the kinds are {KindList}");
            return null;
        }

        if (insideParallel && kind == "parallel")
        {
            _errors.Add(kindPath, "a parallel step cannot contain another parallel step");
            return null;
        }

        var p = $"{path}.{kind}";
        var fields = Fields(element, p, "a step", known, $"{kind} steps take");
        if (fields is null)
        {
            return null;
        }

        var label = Text(fields, p, "label", required: false);
        StepRules.Label(label, p, _errors);
        ProfileStep? step = kind switch
        {
            "thermal" => ReadThermal(fields, p),
            "vibration" => ReadVibration(fields, p),
            "pressure" => ReadPressure(fields, p),
            "rest" => ReadRest(fields, p),
            "breathing" => ReadBreathing(fields, p),
            _ => ReadParallel(fields, p),
        };
        if (step is null)
        {
            return null;
        }

        step = step with { Label = label };
        _paths[step] = path;
        return step;
    }

    private ThermalStep? ReadThermal(Dictionary<string, JsonElement> f, string p)
    {
        var pad = Text(f, p, "pad", required: true);
        var target = Number(f, p, "targetC", required: true);
        var ramp = Number(f, p, "rampCPerS", required: true);
        var hold = Number(f, p, "holdS", required: true);
        var back = Bool(f, p, "returnToNeutral");
        StepRules.Thermal(pad, target, ramp, hold, p, _envelope, _errors);
        return pad is null || target is null || ramp is null || hold is null || back is null
            ? null
            : new ThermalStep(pad, target.Value, ramp.Value, hold.Value) { ReturnToNeutral = back.Value };
    }

    private VibrationStep? ReadVibration(Dictionary<string, JsonElement> f, string p)
    {
        var channel = Text(f, p, "channel", required: true);
        var hz = Number(f, p, "frequencyHz", required: true);
        var amplitude = Number(f, p, "amplitude", required: true);
        var duration = Number(f, p, "durationS", required: true);
        var patternText = Text(f, p, "pattern", required: true);
        VibrationPattern? pattern = patternText switch
        {
            null => null,
            "continuous" => VibrationPattern.Continuous,
            "pulsed" => VibrationPattern.Pulsed,
            _ => null,
        };
        if (patternText is not null && pattern is null)
        {
            _errors.Add($"{p}.pattern", $"{Quote(patternText)} is not a pattern; expected \"continuous\" or \"pulsed\"");
        }

        var hasOn = f.ContainsKey("onS");
        var hasOff = f.ContainsKey("offS");
        var on = Number(f, p, "onS", required: false);
        var off = Number(f, p, "offS", required: false);
        StepRules.Vibration(channel, hz, amplitude, duration, pattern, hasOn, on, hasOff, off, p, _envelope, _errors);
        if (channel is null || hz is null || amplitude is null || duration is null || pattern is null
            || (hasOn && on is null) || (hasOff && off is null))
        {
            return null;
        }

        return new VibrationStep(channel, hz.Value, amplitude.Value, duration.Value, pattern.Value) { OnS = on, OffS = off };
    }

    private PressureStep? ReadPressure(Dictionary<string, JsonElement> f, string p)
    {
        var channel = Text(f, p, "channel", required: true);
        var target = Number(f, p, "targetN", required: true);
        var tolerance = Number(f, p, "toleranceN", required: true);
        var hold = Number(f, p, "holdS", required: true);
        var timeout = f.ContainsKey("timeoutS") ? Number(f, p, "timeoutS", required: false) : PressureStep.DefaultTimeoutS;
        StepRules.Pressure(channel, target, tolerance, hold, timeout, p, _envelope, _errors);
        return channel is null || target is null || tolerance is null || hold is null || timeout is null
            ? null
            : new PressureStep(channel, target.Value, tolerance.Value, hold.Value) { TimeoutS = timeout.Value };
    }

    private RestStep? ReadRest(Dictionary<string, JsonElement> f, string p)
    {
        var duration = Number(f, p, "durationS", required: true);
        StepRules.Rest(duration, p, _errors);
        return duration is null ? null : new RestStep(duration.Value);
    }

    private BreathingStep? ReadBreathing(Dictionary<string, JsonElement> f, string p)
    {
        var channel = Text(f, p, "channel", required: true);
        var perMin = Number(f, p, "breathsPerMin", required: true);
        var duration = Number(f, p, "durationS", required: true);
        StepRules.Breathing(channel, perMin, duration, p, _envelope, _errors);
        return channel is null || perMin is null || duration is null ? null : new BreathingStep(channel, perMin.Value, duration.Value);
    }

    private ParallelStep? ReadParallel(Dictionary<string, JsonElement> f, string p) =>
        ReadStepList(f, p, "steps", insideParallel: true) is { } steps ? new ParallelStep(steps) : null;

    // ---- JSON shape helpers ----------------------------------------------------------------------

    /// <summary>The fields of an object, each known one once; unknown and repeated fields are errors.</summary>
    private Dictionary<string, JsonElement>? Fields(JsonElement element, string path, string what, string[] known, string takes)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            _errors.Add(path, $"expected {what} (a JSON object), got {Describe(element)}");
            return null;
        }

        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var name = SafeName(property);
            if (name is null)
            {
                _errors.Add(path, "a field name is not valid UTF-8 text");
                continue;
            }

            if (Array.IndexOf(known, name) < 0)
            {
                _errors.Add(Field(path, name), $"unknown field{Suggest(name, known)}; {takes} {string.Join(", ", known.Where(k => k != "kind"))}");
            }
            else if (!fields.TryAdd(name, property.Value))
            {
                _errors.Add(Field(path, name), "appears more than once; write each field once");
            }
        }

        return fields;
    }

    private double? Number(Dictionary<string, JsonElement> fields, string parent, string name, bool required)
    {
        var path = Field(parent, name);
        if (!fields.TryGetValue(name, out var value))
        {
            if (required)
            {
                _errors.Add(path, "missing required field (a number)");
            }

            return null;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                if (value.TryGetDouble(out var d) && double.IsFinite(d))
                {
                    return d;
                }

                var raw = value.GetRawText();
                _errors.Add(path, $"{(raw.Length > 40 ? raw[..40] + "..." : raw)} is too large to be a number the device can use");
                return null;
            case JsonValueKind.String:
                var text = SafeString(value, path);
                if (text is null)
                {
                    return null;
                }

                var trimmed = text.Trim().TrimStart('+', '-');
                if (trimmed.Equals("NaN", StringComparison.OrdinalIgnoreCase)
                    || trimmed.StartsWith("Inf", StringComparison.OrdinalIgnoreCase)
                    || trimmed == "∞")
                {
                    _errors.Add(path, $"{Quote(text)} is not a finite number; expected a number");
                }
                else if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                {
                    _errors.Add(path, $"expected a number, got the string {Quote(text)}; write the number without quotes");
                }
                else
                {
                    _errors.Add(path, $"expected a number, got the string {Quote(text)}");
                }

                return null;
            default:
                _errors.Add(path, $"expected a number, got {Describe(value)}");
                return null;
        }
    }

    private string? Text(Dictionary<string, JsonElement> fields, string parent, string name, bool required)
    {
        var path = Field(parent, name);
        if (!fields.TryGetValue(name, out var value))
        {
            if (required)
            {
                _errors.Add(path, "missing required field (a string)");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            _errors.Add(path, $"expected a string, got {Describe(value)}");
            return null;
        }

        return SafeString(value, path);
    }

    private bool? Bool(Dictionary<string, JsonElement> fields, string parent, string name)
    {
        if (!fields.TryGetValue(name, out var value))
        {
            return true;
        }

        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        _errors.Add(Field(parent, name), $"expected true or false, got {Describe(value)}");
        return null;
    }

    private string? SafeString(JsonElement value, string path)
    {
        try
        {
            return value.GetString() ?? string.Empty;
        }
        catch (InvalidOperationException)
        {
            _errors.Add(path, "is not valid UTF-8 text");
            return null;
        }
    }

    private static string? SafeName(JsonProperty property)
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

    /// <summary>What a JSON value is, for an error message ("the number 1e999", "a list (array)").</summary>
    internal static string Describe(JsonElement element) => element.ValueKind switch
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

    /// <summary>A value's text cut to 40 characters, so that a huge value cannot flood an error message.</summary>
    internal static string Truncate(string text) => text.Length > 40 ? text[..40] + "..." : text;

    /// <summary>"; did you mean "targetC"?" when a known name is close (case or up to 2 edits), else "".</summary>
    private static string Suggest(string name, IEnumerable<string> known)
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
}
