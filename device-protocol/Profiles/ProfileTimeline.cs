using AmpsDevice.Protocol.Envelope;

namespace AmpsDevice.Protocol.Profiles;

/// <summary>One top-level step placed in time.</summary>
/// <param name="Index">Index in <see cref="StimulusProfile.Steps"/>.</param>
/// <param name="Step">The step.</param>
/// <param name="StartS">Nominal start, s from the session's start.</param>
/// <param name="NominalDurationS">Nominal duration, s, given where the pads are when it starts.</param>
/// <param name="MaximumDurationS">Longest duration, s (pressure timeouts).</param>
public readonly record struct TimedStep(int Index, ProfileStep Step, double StartS, double NominalDurationS, double MaximumDurationS);

/// <summary>A stretch of a pad's nominal temperature, linear from (<paramref name="StartS"/>, <paramref name="StartC"/>)
/// to (<paramref name="EndS"/>, <paramref name="EndC"/>); <paramref name="Owner"/> is the thermal step responsible.</summary>
public readonly record struct PadSegment(double StartS, double StartC, double EndS, double EndC, ThermalStep Owner);

/// <summary>A stretch of time a vibration motor runs without a pause (nominal timing).</summary>
public readonly record struct VibrationBout(string Channel, double StartS, double EndS, ProfileStep Owner);

/// <summary>
/// A profile laid out in time. Pads are tracked from step to step: a thermal step starts from where the
/// previous one on its pad left it (neutral at first), a pad left off neutral holds its temperature
/// through later steps, and at the end every such pad ramps back to neutral at its last rate
/// (<see cref="FinalReturnS"/>, part of the total).
/// </summary>
public sealed class ProfileTimeline
{
    private ProfileTimeline(
        IReadOnlyList<TimedStep> steps,
        double finalReturnS,
        double nominal,
        double maximum,
        IReadOnlyDictionary<string, IReadOnlyList<PadSegment>> worstCasePads,
        IReadOnlyList<VibrationBout> bouts)
    {
        Steps = steps;
        FinalReturnS = finalReturnS;
        NominalDurationS = nominal;
        MaximumDurationS = maximum;
        WorstCasePadSegments = worstCasePads;
        ContinuousVibration = bouts;
    }

    /// <summary>The top-level steps with their nominal start and durations.</summary>
    public IReadOnlyList<TimedStep> Steps { get; }

    /// <summary>Time for pads left off neutral by the last steps to return to neutral, s.</summary>
    public double FinalReturnS { get; }

    /// <summary>Total nominal duration, s.</summary>
    public double NominalDurationS { get; }

    /// <summary>Longest possible duration, s: every pressure step waiting its full timeout.</summary>
    public double MaximumDurationS { get; }

    /// <summary>Each pad's temperature over time, timed as if every pressure step took its full timeout
    /// (the longest a pad can be held away from neutral).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<PadSegment>> WorstCasePadSegments { get; }

    /// <summary>Continuous vibration bouts (continuous-pattern steps), nominal timing, in start order.</summary>
    public IReadOnlyList<VibrationBout> ContinuousVibration { get; }

    /// <summary>Lays <paramref name="profile"/> out in time.</summary>
    public static ProfileTimeline Of(StimulusProfile profile)
    {
        var padC = new Dictionary<string, double>(StringComparer.Ordinal);
        var pads = new Dictionary<string, PadTrack>(StringComparer.Ordinal);
        var timed = new List<TimedStep>(profile.Steps.Count);
        var bouts = new List<VibrationBout>();
        double nominalT = 0, worstT = 0;
        for (var i = 0; i < profile.Steps.Count; i++)
        {
            var step = profile.Steps[i];
            var nominal = step.NominalDurationS(padC);
            var maximum = step.MaximumDurationS(padC);
            timed.Add(new TimedStep(i, step, nominalT, nominal, maximum));
            IEnumerable<ProfileStep> parts = step is ParallelStep p ? p.Steps : [step];
            foreach (var part in parts)
            {
                if (part is ThermalStep thermal)
                {
                    Track(pads, padC, thermal, worstT);
                }
                else if (part is VibrationStep { Pattern: VibrationPattern.Continuous } vibration)
                {
                    bouts.Add(new VibrationBout(vibration.Channel, nominalT, nominalT + vibration.DurationS, vibration));
                }
            }

            nominalT += nominal;
            worstT += maximum;
        }

        double finalReturn = 0;
        var segments = new Dictionary<string, IReadOnlyList<PadSegment>>(StringComparer.Ordinal);
        foreach (var (pad, track) in pads)
        {
            var back = Math.Abs(track.TemperatureC - AbsoluteLimits.NeutralC) / track.Owner.RampCPerS;
            finalReturn = Math.Max(finalReturn, back);
            track.Add(worstT, track.TemperatureC);
            track.Add(worstT + back, AbsoluteLimits.NeutralC);
            segments[pad] = track.Segments;
        }

        return new ProfileTimeline(timed, finalReturn, nominalT + finalReturn, worstT + finalReturn, segments, bouts);
    }

    private static void Track(Dictionary<string, PadTrack> pads, Dictionary<string, double> padC, ThermalStep step, double startS)
    {
        if (!pads.TryGetValue(step.Pad, out var track))
        {
            track = new PadTrack(step);
            pads[step.Pad] = track;
        }

        track.Add(startS, track.TemperatureC); // held where it was since its last step
        track.Owner = step;
        var t = startS + (Math.Abs(step.TargetC - track.TemperatureC) / step.RampCPerS);
        track.Add(t, step.TargetC);
        t += step.HoldS;
        track.Add(t, step.TargetC);
        if (step.ReturnToNeutral)
        {
            track.Add(t + (Math.Abs(step.TargetC - AbsoluteLimits.NeutralC) / step.RampCPerS), AbsoluteLimits.NeutralC);
        }

        padC[step.Pad] = step.EndTemperatureC;
    }

    private sealed class PadTrack(ThermalStep owner)
    {
        public List<PadSegment> Segments { get; } = [];

        public ThermalStep Owner { get; set; } = owner;

        public double TimeS { get; private set; }

        public double TemperatureC { get; private set; } = AbsoluteLimits.NeutralC;

        public void Add(double endS, double endC)
        {
            if (endS > TimeS || endC != TemperatureC)
            {
                Segments.Add(new PadSegment(TimeS, TemperatureC, Math.Max(endS, TimeS), endC, Owner));
            }

            TimeS = Math.Max(endS, TimeS);
            TemperatureC = endC;
        }
    }
}
