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

    public static ValidationResult<StimulusProfile> Read(JsonElement root, ProfileEnvelope envelope)
    {
        var reader = new ProfileReader(envelope);
        var profile = reader.ReadProfile(root);
        return new ValidationResult<StimulusProfile>(profile, reader._errors.ToList());
    }

    private StimulusProfile? ReadProfile(JsonElement root)
    {
        var fields = JsonFields.Of(root, "$", "a profile", TopFields, _errors);
        if (fields is null)
        {
            return null;
        }

        var schema = fields.Text("schema", required: true);
        var name = fields.Text("name", required: true);
        var description = fields.Text("description", required: false);
        var painStopAt = fields.Number("painStopAt", required: true);
        StepRules.Top(schema, name, description, painStopAt, _errors);

        var steps = ReadStepList(fields, "steps", insideParallel: false);
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

    private List<ProfileStep>? ReadStepList(JsonFields fields, string field, bool insideParallel)
    {
        var path = fields.PathOf(field);
        if (!fields.TryGet(field, out var array))
        {
            _errors.Add(path, "missing required field: the list of steps");
            return null;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            _errors.Add(path, $"expected a list of steps (a JSON array), got {JsonFields.Describe(array)}");
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
            _errors.Add(path, $"expected a step (a JSON object with a \"kind\"), got {JsonFields.Describe(element)}");
            return null;
        }

        string? kind = null;
        var kindPath = Field(path, "kind");
        foreach (var property in element.EnumerateObject())
        {
            if (JsonFields.NameOf(property) == "kind")
            {
                if (property.Value.ValueKind != JsonValueKind.String)
                {
                    _errors.Add(kindPath, $"expected the step kind as a string ({KindList}), got {JsonFields.Describe(property.Value)}");
                    return null;
                }

                kind = JsonFields.Unescaped(property.Value);
                if (kind is null)
                {
                    _errors.Add(kindPath, JsonFields.NotText);
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
            _errors.Add(kindPath, $"unknown step kind {Quote(kind)}{JsonFields.Suggest(kind, StepFields.Keys)}; the kinds are {KindList}");
            return null;
        }

        if (insideParallel && kind == "parallel")
        {
            _errors.Add(kindPath, "a parallel step cannot contain another parallel step");
            return null;
        }

        var p = $"{path}.{kind}";
        var fields = JsonFields.Of(element, p, "a step", known, _errors, takes: $"{kind} steps take", unlisted: "kind");
        if (fields is null)
        {
            return null;
        }

        var label = fields.Text("label", required: false);
        StepRules.Label(label, p, _errors);
        ProfileStep? step = kind switch
        {
            "thermal" => ReadThermal(fields, p),
            "vibration" => ReadVibration(fields, p),
            "pressure" => ReadPressure(fields, p),
            "rest" => ReadRest(fields, p),
            "breathing" => ReadBreathing(fields, p),
            _ => ReadParallel(fields),
        };
        if (step is null)
        {
            return null;
        }

        step = step with { Label = label };
        _paths[step] = path;
        return step;
    }

    private ThermalStep? ReadThermal(JsonFields f, string p)
    {
        var pad = f.Text("pad", required: true);
        var target = f.Number("targetC", required: true);
        var ramp = f.Number("rampCPerS", required: true);
        var hold = f.Number("holdS", required: true);
        var back = f.Bool("returnToNeutral", fallback: true);
        StepRules.Thermal(pad, target, ramp, hold, p, _envelope, _errors);
        return pad is null || target is null || ramp is null || hold is null || back is null
            ? null
            : new ThermalStep(pad, target.Value, ramp.Value, hold.Value) { ReturnToNeutral = back.Value };
    }

    private VibrationStep? ReadVibration(JsonFields f, string p)
    {
        var channel = f.Text("channel", required: true);
        var hz = f.Number("frequencyHz", required: true);
        var amplitude = f.Number("amplitude", required: true);
        var duration = f.Number("durationS", required: true);
        var patternText = f.Text("pattern", required: true);
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

        var hasOn = f.Has("onS");
        var hasOff = f.Has("offS");
        var on = f.Number("onS", required: false);
        var off = f.Number("offS", required: false);
        StepRules.Vibration(channel, hz, amplitude, duration, pattern, hasOn, on, hasOff, off, p, _envelope, _errors);
        if (channel is null || hz is null || amplitude is null || duration is null || pattern is null
            || (hasOn && on is null) || (hasOff && off is null))
        {
            return null;
        }

        return new VibrationStep(channel, hz.Value, amplitude.Value, duration.Value, pattern.Value) { OnS = on, OffS = off };
    }

    private PressureStep? ReadPressure(JsonFields f, string p)
    {
        var channel = f.Text("channel", required: true);
        var target = f.Number("targetN", required: true);
        var tolerance = f.Number("toleranceN", required: true);
        var hold = f.Number("holdS", required: true);
        var timeout = f.Has("timeoutS") ? f.Number("timeoutS", required: false) : PressureStep.DefaultTimeoutS;
        StepRules.Pressure(channel, target, tolerance, hold, timeout, p, _envelope, _errors);
        return channel is null || target is null || tolerance is null || hold is null || timeout is null
            ? null
            : new PressureStep(channel, target.Value, tolerance.Value, hold.Value) { TimeoutS = timeout.Value };
    }

    private RestStep? ReadRest(JsonFields f, string p)
    {
        var duration = f.Number("durationS", required: true);
        StepRules.Rest(duration, p, _errors);
        return duration is null ? null : new RestStep(duration.Value);
    }

    private BreathingStep? ReadBreathing(JsonFields f, string p)
    {
        var channel = f.Text("channel", required: true);
        var perMin = f.Number("breathsPerMin", required: true);
        var duration = f.Number("durationS", required: true);
        StepRules.Breathing(channel, perMin, duration, p, _envelope, _errors);
        return channel is null || perMin is null || duration is null ? null : new BreathingStep(channel, perMin.Value, duration.Value);
    }

    private ParallelStep? ReadParallel(JsonFields f) =>
        ReadStepList(f, "steps", insideParallel: true) is { } steps ? new ParallelStep(steps) : null;
}
