using AmpsDevice.Protocol.Profiles;

namespace AmpsDevice.Dashboard.Profiles;

/// <summary>One top-level step placed in time, as the charts mark it.</summary>
public sealed record TimelineStep(int Index, string Kind, string? Label, double StartS, double DurationS);

/// <summary>
/// What a profile will run, for the charts: the steps in time and each channel's target as (s, value) points
/// from the session's start. Pads follow device-protocol's <see cref="ProfileTimeline"/> (ramps from where the
/// pad was, return to neutral, timed as if each pressure step waited its full timeout); vibration amplitude and
/// pressure force are the targets of the steps that drive them, at their nominal times.
/// </summary>
public sealed record TimelineView(
    string Name,
    int PainStopAt,
    double DurationS,
    double MaximumDurationS,
    IReadOnlyList<TimelineStep> Steps,
    IReadOnlyDictionary<string, IReadOnlyList<double[]>> PadTargetsC,
    IReadOnlyDictionary<string, IReadOnlyList<double[]>> VibrationAmplitude,
    IReadOnlyDictionary<string, IReadOnlyList<double[]>> PressureTargetsN)
{
    public static TimelineView Of(StimulusProfile profile)
    {
        var timeline = profile.Timeline();
        var steps = timeline.Steps
            .Select(s => new TimelineStep(s.Index, s.Step.KindName, s.Step.Label, s.StartS, s.NominalDurationS))
            .ToList();

        var pads = new SortedDictionary<string, IReadOnlyList<double[]>>(StringComparer.Ordinal);
        foreach (var (pad, segments) in timeline.WorstCasePadSegments)
        {
            var points = new List<double[]>(segments.Count + 1);
            foreach (var segment in segments)
            {
                if (points.Count == 0)
                {
                    points.Add([segment.StartS, segment.StartC]);
                }

                points.Add([segment.EndS, segment.EndC]);
            }

            pads[pad] = points;
        }

        var vibration = new SortedDictionary<string, List<double[]>>(StringComparer.Ordinal);
        var pressure = new SortedDictionary<string, List<double[]>>(StringComparer.Ordinal);
        foreach (var timed in timeline.Steps)
        {
            IEnumerable<ProfileStep> parts = timed.Step is ParallelStep parallel ? parallel.Steps : [timed.Step];
            foreach (var part in parts)
            {
                switch (part)
                {
                    case VibrationStep v:
                        Pulse(vibration, v.Channel, timed.StartS, v.DurationS, v.Amplitude);
                        break;
                    case PressureStep p:
                        Pulse(pressure, p.Channel, timed.StartS, p.NominalDurationS(), p.TargetN);
                        break;
                }
            }
        }

        return new TimelineView(
            profile.Name,
            profile.PainStopAt,
            timeline.NominalDurationS,
            timeline.MaximumDurationS,
            steps,
            pads,
            vibration.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<double[]>)kv.Value, StringComparer.Ordinal),
            pressure.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<double[]>)kv.Value, StringComparer.Ordinal));
    }

    /// <summary>A rectangle: 0 until <paramref name="startS"/>, <paramref name="value"/> for <paramref name="durationS"/>, then 0.</summary>
    private static void Pulse(SortedDictionary<string, List<double[]>> channels, string channel, double startS, double durationS, double value)
    {
        if (!channels.TryGetValue(channel, out var points))
        {
            points = [[0, 0]];
            channels[channel] = points;
        }

        points.Add([startS, 0]);
        points.Add([startS, value]);
        points.Add([startS + durationS, value]);
        points.Add([startS + durationS, 0]);
    }
}
