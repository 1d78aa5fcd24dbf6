using AmpsDevice.Protocol.Envelope;

namespace AmpsDevice.Protocol.Profiles;

/// <summary>The strongest stimuli of a profile; a null means the profile has no stimulus of that kind.</summary>
/// <param name="MaxTargetC">Highest thermal target, °C.</param>
/// <param name="MinTargetC">Lowest thermal target, °C.</param>
/// <param name="MaxAmplitude">Highest vibration amplitude (breathing cues included), 0..1.</param>
/// <param name="FrequencyAtMaxAmplitudeHz">Frequency of the vibration with <paramref name="MaxAmplitude"/>, Hz.</param>
/// <param name="MinFrequencyHz">Lowest vibration frequency, Hz.</param>
/// <param name="MaxFrequencyHz">Highest vibration frequency, Hz.</param>
/// <param name="MaxForceN">Highest pressure target, N.</param>
/// <param name="LongestVibrationBoutS">Longest time a motor runs without a pause within one step, s.</param>
/// <param name="VibrationA8MPerS2">The session's vibration dose as A(8), m/s² (EU 2002/44/EC): the root of the
/// sum of (amplitude x full-scale acceleration)² x on-time over every channel, divided by 8 h. 0 without vibration.</param>
public sealed record ProfilePeaks(
    double? MaxTargetC,
    double? MinTargetC,
    double? MaxAmplitude,
    double? FrequencyAtMaxAmplitudeHz,
    double? MinFrequencyHz,
    double? MaxFrequencyHz,
    double? MaxForceN,
    double? LongestVibrationBoutS,
    double VibrationA8MPerS2)
{
    /// <summary>Peaks over every step of <paramref name="profile"/>, parallel steps included.</summary>
    public static ProfilePeaks Of(StimulusProfile profile)
    {
        double? maxC = null, minC = null, maxAmp = null, freqAtMax = null, minHz = null, maxHz = null, maxN = null, bout = null;
        double dose = 0; // Σ a² t, (m/s²)² s
        foreach (var step in profile.AllSteps())
        {
            switch (step)
            {
                case ThermalStep t:
                    maxC = Max(maxC, t.TargetC);
                    minC = Min(minC, t.TargetC);
                    break;
                case VibrationStep v:
                    if (maxAmp is null || v.Amplitude > maxAmp)
                    {
                        maxAmp = v.Amplitude;
                        freqAtMax = v.FrequencyHz;
                    }

                    minHz = Min(minHz, v.FrequencyHz);
                    maxHz = Max(maxHz, v.FrequencyHz);
                    bout = Max(bout, v.LongestBoutS);
                    dose += Square(v.Amplitude * AbsoluteLimits.VibrationFullScaleMPerS2) * v.OnTimeS;
                    break;
                case BreathingStep b:
                    dose += Square(BreathingStep.CueAmplitude * AbsoluteLimits.VibrationFullScaleMPerS2) * b.OnTimeS;
                    if (maxAmp is null || BreathingStep.CueAmplitude > maxAmp)
                    {
                        maxAmp = BreathingStep.CueAmplitude;
                        freqAtMax = BreathingStep.CueFrequencyHz;
                    }

                    minHz = Min(minHz, BreathingStep.CueFrequencyHz);
                    maxHz = Max(maxHz, BreathingStep.CueFrequencyHz);
                    break;
                case PressureStep p:
                    maxN = Max(maxN, p.TargetN);
                    break;
            }
        }

        return new ProfilePeaks(maxC, minC, maxAmp, freqAtMax, minHz, maxHz, maxN, bout, Math.Sqrt(dose / EightHoursS));
    }

    private const double EightHoursS = 8 * 3600.0;

    private static double Square(double x) => x * x;

    private static double Max(double? a, double b) => a is { } x ? Math.Max(x, b) : b;

    private static double Min(double? a, double b) => a is { } x ? Math.Min(x, b) : b;
}
