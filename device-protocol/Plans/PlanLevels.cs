using System.Globalization;
using AmpsDevice.Protocol.Envelope;
using AmpsDevice.Protocol.Profiles;

namespace AmpsDevice.Protocol.Plans;

/// <summary>
/// What a level means: level 1 is the starting profile as written, the top level (<see cref="TherapyPlan.MaxLevel"/>)
/// reaches the <see cref="LevelCeiling"/>, and the levels between are equal steps. For each kind of stimulus
/// one factor scales every step of that kind: the thermal distance from neutral (32 °C) of warm steps,
/// of cool steps, the vibration amplitude, the guided-pressure target. Durations, ramps, frequencies,
/// patterns, rests, breathing cues and the pain stop do not change: a therapist comparing two levels sees
/// only "warmer, cooler, stronger, firmer". Targets are rounded to what a therapist would write (0.1 °C,
/// 0.01 amplitude, 0.1 N), never past the ceiling.
/// </summary>
public static class PlanLevels
{
    /// <summary>The profile of <paramref name="plan"/> at <paramref name="level"/> (1..MaxLevel).</summary>
    public static StimulusProfile ProfileAt(TherapyPlan plan, int level)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentOutOfRangeException.ThrowIfLessThan(level, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, plan.MaxLevel);
        return ProfileAt(plan.Profile, plan.Ceiling, level, plan.MaxLevel);
    }

    /// <summary>The fraction of the way from the starting profile (0) to the ceiling (1) of a level.</summary>
    public static double Fraction(int level, int maxLevel) => maxLevel <= 1 ? 0.0 : (level - 1) / (double)(maxLevel - 1);

    internal static StimulusProfile ProfileAt(StimulusProfile start, LevelCeiling ceiling, int level, int maxLevel)
    {
        var f = Fraction(level, maxLevel);
        var peaks = Peaks.Of(start);
        var scale = new Scale(
            Factor(peaks.HeatDeviationC, ceiling.HeatC is { } h ? h - AbsoluteLimits.NeutralC : null, f),
            Factor(peaks.ColdDeviationC, ceiling.ColdC is { } c ? AbsoluteLimits.NeutralC - c : null, f),
            Factor(peaks.Amplitude, ceiling.Amplitude, f),
            Factor(peaks.ForceN, ceiling.ForceN, f),
            ceiling);
        var name = string.Create(CultureInfo.InvariantCulture, $" (plan level {level})");
        var baseName = start.Name.Length + name.Length > StimulusProfile.MaxNameLength
            ? start.Name[..(StimulusProfile.MaxNameLength - name.Length)]
            : start.Name;
        return start with
        {
            Name = baseName + name,
            Steps = start.Steps.Select(scale.Apply).ToList(),
        };
    }

    /// <summary>1 at f = 0, ceiling/peak at f = 1, linear between; 1 when nothing is to be scaled.</summary>
    private static double Factor(double? peak, double? ceiling, double f) =>
        peak is > 0 && ceiling is { } top ? 1.0 + (f * ((top / peak.Value) - 1.0)) : 1.0;

    private sealed record Scale(double Heat, double Cold, double Amplitude, double Force, LevelCeiling Ceiling)
    {
        public ProfileStep Apply(ProfileStep step) => step switch
        {
            ThermalStep t when t.TargetC > AbsoluteLimits.NeutralC && Heat != 1.0 =>
                t with { TargetC = Math.Min(Ceiling.HeatC ?? double.MaxValue, Round(AbsoluteLimits.NeutralC + ((t.TargetC - AbsoluteLimits.NeutralC) * Heat), 1)) },
            ThermalStep t when t.TargetC < AbsoluteLimits.NeutralC && Cold != 1.0 =>
                t with { TargetC = Math.Max(Ceiling.ColdC ?? double.MinValue, Round(AbsoluteLimits.NeutralC - ((AbsoluteLimits.NeutralC - t.TargetC) * Cold), 1)) },
            VibrationStep v when Amplitude != 1.0 =>
                v with { Amplitude = Math.Min(Ceiling.Amplitude ?? 1.0, Round(v.Amplitude * Amplitude, 2)) },
            PressureStep p when Force != 1.0 =>
                p with { TargetN = Math.Min(Ceiling.ForceN ?? double.MaxValue, Round(p.TargetN * Force, 1)) },
            ParallelStep parallel => parallel with { Steps = parallel.Steps.Select(Apply).ToList() },
            _ => step,
        };

        private static double Round(double value, int digits) => Math.Round(value, digits, MidpointRounding.AwayFromZero);
    }

    /// <summary>The strongest stimulus of each kind that a level scales; null when the profile has none.</summary>
    internal sealed record Peaks(double? HeatDeviationC, double? ColdDeviationC, double? Amplitude, double? ForceN)
    {
        public static Peaks Of(StimulusProfile profile)
        {
            double? heat = null, cold = null, amplitude = null, force = null;
            foreach (var step in profile.AllSteps())
            {
                switch (step)
                {
                    case ThermalStep t when t.TargetC > AbsoluteLimits.NeutralC:
                        heat = Math.Max(heat ?? 0, t.TargetC - AbsoluteLimits.NeutralC);
                        break;
                    case ThermalStep t when t.TargetC < AbsoluteLimits.NeutralC:
                        cold = Math.Max(cold ?? 0, AbsoluteLimits.NeutralC - t.TargetC);
                        break;
                    case VibrationStep v:
                        amplitude = Math.Max(amplitude ?? 0, v.Amplitude);
                        break;
                    case PressureStep p:
                        force = Math.Max(force ?? 0, p.TargetN);
                        break;
                }
            }

            return new Peaks(heat, cold, amplitude, force);
        }
    }
}
