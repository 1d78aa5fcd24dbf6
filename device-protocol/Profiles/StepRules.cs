using AmpsDevice.Protocol.Envelope;
using static AmpsDevice.Protocol.Profiles.Say;

namespace AmpsDevice.Protocol.Profiles;

/// <summary>
/// The range rules of each field, shared by the JSON reader (which passes null for a field that was
/// missing or of the wrong type, already reported) and the model validator. <c>p</c> is the step's path
/// including its kind, e.g. <c>steps[2].thermal</c>.
/// </summary>
internal static class StepRules
{
    public static void Top(string? schema, string? name, string? description, double? painStopAt, ErrorSink e)
    {
        if (schema is not null && schema != StimulusProfile.SchemaId)
        {
            e.Add("schema", $"{Quote(schema)} is not a profile schema this device reads; expected \"{StimulusProfile.SchemaId}\"");
        }

        if (name is not null)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                e.Add("name", "must not be empty: the therapist picks the profile by its name");
            }
            else if (name.Length > StimulusProfile.MaxNameLength)
            {
                e.Add("name", $"is {name.Length} characters long; at most {StimulusProfile.MaxNameLength}");
            }
        }

        if (description is not null && description.Length > StimulusProfile.MaxDescriptionLength)
        {
            e.Add("description", $"is {description.Length} characters long; at most {StimulusProfile.MaxDescriptionLength}");
        }

        if (painStopAt is { } pain)
        {
            if (pain != Math.Floor(pain))
            {
                e.Add("painStopAt", $"{N(pain)} is not a whole number; pain is rated 0-10 in whole steps");
            }
            else if (pain < 1 || pain > AbsoluteLimits.PainScaleMax)
            {
                e.Add("painStopAt", $"{N(pain)} is outside 1..{AbsoluteLimits.PainScaleMax} (a rating on the 0-{AbsoluteLimits.PainScaleMax} pain scale at or above which the session pauses)");
            }
        }
    }

    public static void Label(string? label, string p, ErrorSink e)
    {
        if (label is not null && label.Length > StimulusProfile.MaxLabelLength)
        {
            e.Add($"{p}.label", $"is {label.Length} characters long; at most {StimulusProfile.MaxLabelLength}");
        }
    }

    public static void Thermal(string? pad, double? targetC, double? ramp, double? hold, string p, ProfileEnvelope env, ErrorSink e)
    {
        Channel(pad, ChannelKind.Pad, $"{p}.pad", env, e);
        if (targetC is { } t)
        {
            if (t > env.PadMaxTargetC)
            {
                e.Add($"{p}.targetC", $"{N(t)} is above the device limit of {N(env.PadMaxTargetC)} °C");
            }
            else if (t < env.PadMinTargetC)
            {
                e.Add($"{p}.targetC", $"{N(t)} is below the device limit of {N(env.PadMinTargetC)} °C");
            }
        }

        if (ramp is { } r)
        {
            if (r <= 0)
            {
                e.Add($"{p}.rampCPerS", $"{N(r)} °C/s would never reach the target; the ramp must be {N(env.MinRampCPerS)} to {N(env.MaxRampCPerS)} °C/s");
            }
            else if (r > env.MaxRampCPerS)
            {
                e.Add($"{p}.rampCPerS", $"{N(r)} is above the device limit of {N(env.MaxRampCPerS)} °C/s");
            }
            else if (r < env.MinRampCPerS)
            {
                e.Add($"{p}.rampCPerS", $"{N(r)} is below the device limit of {N(env.MinRampCPerS)} °C/s (the step would take too long to reach its target)");
            }
        }

        if (hold is { } h)
        {
            if (h < 0)
            {
                e.Add($"{p}.holdS", $"{N(h)} is negative; a hold is 0 s or more");
            }
            else if (h > env.MaxThermalHoldS)
            {
                e.Add($"{p}.holdS", $"{N(h)} is above the device limit of {N(env.MaxThermalHoldS)} s for one hold");
            }
        }
    }

    public static void Vibration(
        string? channel, double? hz, double? amplitude, double? duration, VibrationPattern? pattern,
        bool hasOn, double? onS, bool hasOff, double? offS, string p, ProfileEnvelope env, ErrorSink e)
    {
        Channel(channel, ChannelKind.Vibration, $"{p}.channel", env, e);
        if (hz is { } f)
        {
            if (f > env.VibrationMaxHz)
            {
                e.Add($"{p}.frequencyHz", $"{N(f)} is above the device limit of {N(env.VibrationMaxHz)} Hz");
            }
            else if (f < env.VibrationMinHz)
            {
                e.Add($"{p}.frequencyHz", $"{N(f)} is below the device limit of {N(env.VibrationMinHz)} Hz");
            }
        }

        if (amplitude is { } a && (a < 0 || a > 1))
        {
            e.Add($"{p}.amplitude", $"{N(a)} is outside 0..1 (a fraction of the channel's calibrated maximum)");
        }

        var durationOk = Positive(duration, $"{p}.durationS", "s", e);
        switch (pattern)
        {
            case VibrationPattern.Continuous:
                if (durationOk && duration > env.VibrationMaxBoutS)
                {
                    e.Add($"{p}.durationS", $"a continuous bout of {N(duration.Value)} s is above the device limit of {N(env.VibrationMaxBoutS)} s; split it with a rest or use a pulsed pattern");
                }

                if (hasOn)
                {
                    e.Add($"{p}.onS", "only a pulsed pattern takes onS; remove it or set \"pattern\": \"pulsed\"");
                }

                if (hasOff)
                {
                    e.Add($"{p}.offS", "only a pulsed pattern takes offS; remove it or set \"pattern\": \"pulsed\"");
                }

                break;
            case VibrationPattern.Pulsed:
                if (!hasOn)
                {
                    e.Add($"{p}.onS", "missing required field: a pulsed pattern needs onS and offS (seconds on, seconds off)");
                }
                else if (Positive(onS, $"{p}.onS", "s", e) && onS > env.VibrationMaxBoutS)
                {
                    e.Add($"{p}.onS", $"an on-time of {N(onS.Value)} s is above the device limit of {N(env.VibrationMaxBoutS)} s for one bout");
                }

                if (!hasOff)
                {
                    e.Add($"{p}.offS", "missing required field: a pulsed pattern needs onS and offS (seconds on, seconds off)");
                }
                else
                {
                    Positive(offS, $"{p}.offS", "s", e);
                }

                break;
        }
    }

    public static void Pressure(string? channel, double? targetN, double? toleranceN, double? hold, double? timeout, string p, ProfileEnvelope env, ErrorSink e)
    {
        Channel(channel, ChannelKind.Pressure, $"{p}.channel", env, e);
        var targetOk = false;
        if (targetN is { } t)
        {
            if (t <= 0)
            {
                e.Add($"{p}.targetN", $"{N(t)} is not a force to aim for; the target must be above 0 N");
            }
            else if (t > env.PressureMaxTargetN)
            {
                e.Add($"{p}.targetN", $"{N(t)} is above the device limit of {N(env.PressureMaxTargetN)} N");
            }
            else
            {
                targetOk = true;
            }
        }

        if (toleranceN is { } tol)
        {
            if (tol <= 0)
            {
                e.Add($"{p}.toleranceN", $"{N(tol)} leaves no band to reach; the tolerance must be above 0 N");
            }
            else if (targetOk && tol >= targetN)
            {
                e.Add($"{p}.toleranceN", $"{N(tol)} is not below targetN ({N(targetN!.Value)} N): the band would reach down to no force at all");
            }
            else if (targetOk && targetN + tol >= env.PressureMaxTripN)
            {
                e.Add($"{p}.toleranceN", $"the band's upper edge, {N(targetN!.Value + tol)} N, reaches the device's pressure trip of {N(env.PressureMaxTripN)} N");
            }
        }

        Positive(hold, $"{p}.holdS", "s", e);
        Positive(timeout, $"{p}.timeoutS", "s", e);
    }

    public static void Rest(double? duration, string p, ErrorSink e) => Positive(duration, $"{p}.durationS", "s", e);

    public static void Breathing(string? channel, double? perMin, double? duration, string p, ProfileEnvelope env, ErrorSink e)
    {
        Channel(channel, ChannelKind.Vibration, $"{p}.channel", env, e);
        if (perMin is { } b)
        {
            if (b > AbsoluteLimits.BreathingMaxPerMin)
            {
                e.Add($"{p}.breathsPerMin", $"{N(b)} is above the device limit of {N(AbsoluteLimits.BreathingMaxPerMin)} breaths/min");
            }
            else if (b < AbsoluteLimits.BreathingMinPerMin)
            {
                e.Add($"{p}.breathsPerMin", $"{N(b)} is below the device limit of {N(AbsoluteLimits.BreathingMinPerMin)} breaths/min");
            }
        }

        Positive(duration, $"{p}.durationS", "s", e);
    }

    /// <summary>Checks that a duration-like value is above 0; true when it is.</summary>
    private static bool Positive(double? value, string path, string unit, ErrorSink e)
    {
        if (value is not { } v)
        {
            return false;
        }

        if (v <= 0)
        {
            e.Add(path, $"{N(v)} {unit} is not a duration; it must be above 0 {unit}");
            return false;
        }

        return true;
    }

    private static void Channel(string? name, ChannelKind expected, string path, ProfileEnvelope env, ErrorSink e)
    {
        if (name is null)
        {
            return;
        }

        var valid = env.Channels.Of(expected);
        var noun = expected switch
        {
            ChannelKind.Pad => "pads",
            ChannelKind.Vibration => "vibration channels",
            _ => "pressure channels",
        };
        var list = $"this device's {noun} are {string.Join(", ", valid)}";
        switch (env.Channels.KindOf(name))
        {
            case null:
                e.Add(path, $"unknown channel {Quote(name)}; {list}");
                break;
            case { } kind when kind != expected:
                e.Add(path, $"{Quote(name)} is a {Describe(kind)}, not a {Describe(expected)}; {list}");
                break;
        }
    }

    private static string Describe(ChannelKind kind) => kind switch
    {
        ChannelKind.Pad => "pad",
        ChannelKind.Vibration => "vibration channel",
        _ => "pressure channel",
    };
}
