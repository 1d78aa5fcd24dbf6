using System.Globalization;
using System.Text;
using AmpsDevice.Protocol.Envelope;
using static AmpsDevice.Protocol.Profiles.Say;

namespace AmpsDevice.Protocol.Profiles;

/// <summary>The one-paragraph summary that <c>ampsdevice validate</c> prints for a valid profile.</summary>
public static class ProfileSummary
{
    /// <summary>
    /// Name, step count, total duration (m:ss), peak heat and cold, peak vibration amplitude and its
    /// frequency, peak force and the pain stop, e.g. <c>"Warmth and vibration, level 3": 6 steps,
    /// total 6:22 (up to 7:22 if every pressure step waits its full timeout). Peak heat 38 °C, ...</c>.
    /// </summary>
    public static string Describe(StimulusProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var timeline = profile.Timeline();
        var peaks = profile.Peaks();
        var stimuli = profile.AllSteps().Count(s => s is not ParallelStep);
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.Append(c, $"\"{profile.Name}\" ({profile.Schema}): {profile.Steps.Count} step{(profile.Steps.Count == 1 ? "" : "s")}");
        if (stimuli != profile.Steps.Count)
        {
            text.Append(c, $" ({stimuli} counting those inside parallel steps)");
        }

        text.Append(c, $", total {Clock(timeline.NominalDurationS)}");
        if (timeline.MaximumDurationS > timeline.NominalDurationS + 0.5)
        {
            text.Append(c, $" (up to {Clock(timeline.MaximumDurationS)} if every pressure step waits its full timeout)");
        }

        text.Append(". ");
        var heat = profile.AllSteps().OfType<ThermalStep>().Where(t => t.TargetC > AbsoluteLimits.NeutralC).Select(t => t.TargetC).DefaultIfEmpty(double.NaN).Max();
        var cold = profile.AllSteps().OfType<ThermalStep>().Where(t => t.TargetC < AbsoluteLimits.NeutralC).Select(t => t.TargetC).DefaultIfEmpty(double.NaN).Min();
        text.Append(double.IsNaN(heat) ? "No heat" : $"Peak heat {N(heat)} °C");
        text.Append(double.IsNaN(cold) ? ", no cold" : $", peak cold {N(cold)} °C");
        text.Append(peaks.MaxAmplitude is { } amplitude
            ? string.Create(c, $"; peak vibration amplitude {N(amplitude)} at {N(peaks.FrequencyAtMaxAmplitudeHz ?? 0)} Hz")
                + (peaks.MinFrequencyHz == peaks.MaxFrequencyHz ? string.Empty : $" (frequencies {N(peaks.MinFrequencyHz ?? 0)}-{N(peaks.MaxFrequencyHz ?? 0)} Hz)")
            : "; no vibration");
        text.Append(peaks.MaxForceN is { } force ? $"; peak force {N(force)} N" : "; no pressure");
        text.Append(c, $". A pain rating of {profile.PainStopAt} or more pauses the session.");
        return text.ToString();
    }
}
