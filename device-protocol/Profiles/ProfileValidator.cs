using AmpsDevice.Protocol.Envelope;
using static AmpsDevice.Protocol.Profiles.Say;

namespace AmpsDevice.Protocol.Profiles;

/// <summary>
/// Checks a <see cref="StimulusProfile"/> against a <see cref="ProfileEnvelope"/>: every field's range
/// (the same rules the parser applies while reading) and the whole-profile rules: channels used twice in
/// one parallel step, the total duration, continuous time of a pad below 18 °C or above 41 °C, and
/// continuous vibration bouts that run on from one step into the next.
/// </summary>
public static class ProfileValidator
{
    /// <summary>Every error of <paramref name="profile"/> against <paramref name="envelope"/>; empty when it is valid.</summary>
    public static IReadOnlyList<ProfileError> Validate(StimulusProfile profile, ProfileEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(envelope);
        var errors = new ErrorSink();
        StepRules.Top(profile.Schema, profile.Name, profile.Description, profile.PainStopAt, errors);
        var paths = new Dictionary<ProfileStep, string>(ReferenceEqualityComparer.Instance);
        if (profile.Steps.Count == 0)
        {
            errors.Add("steps", "the profile has no steps; at least one is required");
        }

        for (var i = 0; i < profile.Steps.Count; i++)
        {
            CheckStep(profile.Steps[i], Index("steps", i), insideParallel: false, envelope, errors, paths);
        }

        if (errors.Count == 0)
        {
            CheckAcrossSteps(profile, step => paths[step], envelope, errors);
        }

        return errors.ToList();
    }

    private static void CheckStep(ProfileStep step, string path, bool insideParallel, ProfileEnvelope env, ErrorSink e, Dictionary<ProfileStep, string> paths)
    {
        paths[step] = path;
        var p = $"{path}.{step.KindName}";
        StepRules.Label(step.Label, p, e);
        switch (step)
        {
            case ThermalStep t:
                StepRules.Thermal(t.Pad, t.TargetC, t.RampCPerS, t.HoldS, p, env, e);
                break;
            case VibrationStep v:
                StepRules.Vibration(v.Channel, v.FrequencyHz, v.Amplitude, v.DurationS, v.Pattern, v.OnS is not null, v.OnS, v.OffS is not null, v.OffS, p, env, e);
                break;
            case PressureStep s:
                StepRules.Pressure(s.Channel, s.TargetN, s.ToleranceN, s.HoldS, s.TimeoutS, p, env, e);
                break;
            case RestStep r:
                StepRules.Rest(r.DurationS, p, e);
                break;
            case BreathingStep b:
                StepRules.Breathing(b.Channel, b.BreathsPerMin, b.DurationS, p, env, e);
                break;
            case ParallelStep parallel when insideParallel:
                e.Add($"{path}.kind", "a parallel step cannot contain another parallel step");
                break;
            case ParallelStep parallel:
                if (parallel.Steps.Count == 0)
                {
                    e.Add($"{p}.steps", "a parallel step needs at least one step");
                }

                for (var i = 0; i < parallel.Steps.Count; i++)
                {
                    CheckStep(parallel.Steps[i], Index($"{p}.steps", i), insideParallel: true, env, e, paths);
                }

                break;
        }
    }

    /// <summary>The rules that look at more than one step. <paramref name="pathOf"/> gives each step's path (without its kind).</summary>
    internal static void CheckAcrossSteps(StimulusProfile profile, Func<ProfileStep, string> pathOf, ProfileEnvelope env, ErrorSink e)
    {
        foreach (var parallel in profile.Steps.OfType<ParallelStep>())
        {
            var used = new Dictionary<string, ProfileStep>(StringComparer.Ordinal);
            foreach (var step in parallel.Steps)
            {
                foreach (var channel in step.Channels())
                {
                    if (!used.TryAdd(channel, step))
                    {
                        var field = step is ThermalStep ? "pad" : "channel";
                        e.Add($"{pathOf(step)}.{step.KindName}.{field}",
                            $"{Quote(channel)} is already used by {pathOf(used[channel])} in the same parallel step; each channel or pad can do one thing at a time");
                    }
                }
            }
        }

        var timeline = profile.Timeline();
        if (!double.IsFinite(timeline.MaximumDurationS) || timeline.Steps.Any(s => s.NominalDurationS < 0))
        {
            return; // a zero or negative ramp or duration, already reported, makes the times meaningless
        }

        if (timeline.NominalDurationS > env.MaxSessionS)
        {
            e.Add("steps", $"the total duration {Clock(timeline.NominalDurationS)} is above the device limit of {Clock(env.MaxSessionS)} (m:ss)");
        }
        else if (timeline.MaximumDurationS > env.MaxSessionS)
        {
            e.Add("steps", $"the total duration is {Clock(timeline.NominalDurationS)}, but up to {Clock(timeline.MaximumDurationS)} if every pressure step waits its full timeoutS; the device limit is {Clock(env.MaxSessionS)} (m:ss)");
        }

        foreach (var (pad, segments) in timeline.WorstCasePadSegments)
        {
            Exposure(pad, segments, AbsoluteLimits.ColdExposureBelowC, below: true, env.ColdExposureMaxS, pathOf, e);
            Exposure(pad, segments, AbsoluteLimits.WarmExposureAboveC, below: false, env.WarmExposureMaxS, pathOf, e);
        }

        Bouts(timeline.ContinuousVibration, env, pathOf, e);

        var a8 = profile.Peaks().VibrationA8MPerS2;
        if (a8 > env.VibrationDailyA8MaxMPerS2)
        {
            e.Add("steps", $"the session's vibration dose A(8) of {N(Math.Round(a8, 2))} m/s² is above the device limit of {N(env.VibrationDailyA8MaxMPerS2)} m/s² (EU 2002/44/EC action value); lower amplitudes or shorten vibration");
        }
    }

    /// <summary>Reports each run of a pad's temperature beyond a threshold that lasts longer than the limit,
    /// at the thermal step during which the limit is passed.</summary>
    private static void Exposure(string pad, IReadOnlyList<PadSegment> segments, double threshold, bool below, double limitS, Func<ProfileStep, string> pathOf, ErrorSink e)
    {
        bool Beyond(double c) => below ? c < threshold : c > threshold;
        double? runStart = null;
        ThermalStep? culprit = null;
        double runEnd = 0;

        void Close()
        {
            if (runStart is { } start && culprit is not null)
            {
                var side = below ? "below" : "above";
                var fix = below ? "shorten holdS, raise targetC or add a warmer step between" : "shorten holdS, lower targetC or add a cooler step between";
                e.Add($"{pathOf(culprit)}.thermal.holdS",
                    $"{pad} would stay {side} {N(threshold)} °C for {N(Math.Round(runEnd - start, 1))} s in a row (pressure steps at their full timeout), above the device limit of {N(limitS)} s; {fix}");
            }

            runStart = null;
            culprit = null;
        }

        foreach (var s in segments)
        {
            bool inAtStart = Beyond(s.StartC), inAtEnd = Beyond(s.EndC);
            if (!inAtStart && !inAtEnd)
            {
                Close();
                continue;
            }

            var crossing = s.EndC == s.StartC ? s.StartS : s.StartS + ((threshold - s.StartC) / (s.EndC - s.StartC) * (s.EndS - s.StartS));
            var from = inAtStart ? s.StartS : crossing;
            var to = inAtEnd ? s.EndS : crossing;
            if (!inAtStart)
            {
                Close();
            }

            runStart ??= from;
            runEnd = to;
            if (culprit is null && to - runStart > limitS + 1e-9)
            {
                culprit = s.Owner;
            }

            if (!inAtEnd)
            {
                Close();
            }
        }

        Close();
    }

    /// <summary>Continuous vibration on one channel with less than the required rest between steps is one bout.</summary>
    private static void Bouts(IReadOnlyList<VibrationBout> bouts, ProfileEnvelope env, Func<ProfileStep, string> pathOf, ErrorSink e)
    {
        foreach (var channel in bouts.GroupBy(b => b.Channel, StringComparer.Ordinal))
        {
            var ordered = channel.OrderBy(b => b.StartS).ToList();
            var runStart = ordered[0].StartS;
            var runEnd = ordered[0].EndS;
            var first = ordered[0].Owner;
            var reported = false;
            for (var i = 1; i < ordered.Count; i++)
            {
                var bout = ordered[i];
                if (bout.StartS - runEnd < AbsoluteLimits.VibrationMinRestAfterBoutS)
                {
                    runEnd = Math.Max(runEnd, bout.EndS);
                    if (!reported && runEnd - runStart > env.VibrationMaxBoutS + 1e-9)
                    {
                        e.Add($"{pathOf(bout.Owner)}.vibration.durationS",
                            $"{channel.Key} would vibrate for {N(Math.Round(runEnd - runStart, 1))} s from {pathOf(first)} on with less than {N(AbsoluteLimits.VibrationMinRestAfterBoutS)} s of rest between; the device limit is a {N(env.VibrationMaxBoutS)} s bout, then {N(AbsoluteLimits.VibrationMinRestAfterBoutS)} s of rest");
                        reported = true;
                    }
                }
                else
                {
                    runStart = bout.StartS;
                    runEnd = bout.EndS;
                    first = bout.Owner;
                    reported = false;
                }
            }
        }
    }
}
