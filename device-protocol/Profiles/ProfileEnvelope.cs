using System.Globalization;
using AmpsDevice.Protocol.Envelope;

namespace AmpsDevice.Protocol.Profiles;

/// <summary>
/// The limits a profile is checked against. <see cref="Absolute"/> takes every value from
/// <see cref="AbsoluteLimits"/>; configuration may only <see cref="Tighten"/> them. There is no way to
/// build a looser envelope.
/// </summary>
public sealed class ProfileEnvelope
{
    private ProfileEnvelope(DeviceChannels channels) => Channels = channels;

    /// <summary>The device's channel names.</summary>
    public DeviceChannels Channels { get; }

    /// <summary>Lowest thermal target, °C.</summary>
    public double PadMinTargetC { get; private init; } = AbsoluteLimits.PadMinTargetC;

    /// <summary>Highest thermal target, °C.</summary>
    public double PadMaxTargetC { get; private init; } = AbsoluteLimits.PadMaxTargetC;

    /// <summary>Slowest thermal ramp, °C/s.</summary>
    public double MinRampCPerS { get; private init; } = AbsoluteLimits.MinRampCPerS;

    /// <summary>Fastest thermal ramp, °C/s.</summary>
    public double MaxRampCPerS { get; private init; } = AbsoluteLimits.MaxRampCPerS;

    /// <summary>Longest hold of one thermal step, s.</summary>
    public double MaxThermalHoldS { get; private init; } = AbsoluteLimits.MaxThermalHoldS;

    /// <summary>Longest continuous time a pad may stay below <see cref="AbsoluteLimits.ColdExposureBelowC"/>, s.</summary>
    public double ColdExposureMaxS { get; private init; } = AbsoluteLimits.ColdExposureMaxS;

    /// <summary>Longest continuous time a pad may stay above <see cref="AbsoluteLimits.WarmExposureAboveC"/>, s.</summary>
    public double WarmExposureMaxS { get; private init; } = AbsoluteLimits.WarmExposureMaxS;

    /// <summary>Lowest vibration frequency, Hz.</summary>
    public double VibrationMinHz { get; private init; } = AbsoluteLimits.VibrationMinHz;

    /// <summary>Highest vibration frequency, Hz.</summary>
    public double VibrationMaxHz { get; private init; } = AbsoluteLimits.VibrationMaxHz;

    /// <summary>Longest vibration bout at one site, s.</summary>
    public double VibrationMaxBoutS { get; private init; } = AbsoluteLimits.VibrationMaxBoutS;

    /// <summary>Vibration dose limit of one session, A(8) in m/s² (the daily action value: one session
    /// alone must stay under it; the day's running total is the session layer's).</summary>
    public double VibrationA8MaxMPerS2 { get; private init; } = AbsoluteLimits.VibrationDailyA8MaxMPerS2;

    /// <summary>Highest pressure target, N.</summary>
    public double PressureMaxTargetN { get; private init; } = AbsoluteLimits.PressureMaxTargetN;

    /// <summary>Longest session, s.</summary>
    public double MaxSessionS { get; private init; } = AbsoluteLimits.MaxSessionS;

    /// <summary>The compiled-in envelope for a device with <paramref name="channels"/> (default: the reference device).</summary>
    public static ProfileEnvelope Absolute(DeviceChannels? channels = null) => new(channels ?? DeviceChannels.Default);

    /// <summary>
    /// A copy with some limits tightened. A value equal to or tighter than the current one wins; a
    /// looser one (or NaN) throws <see cref="ArgumentException"/> naming the limit, as does a
    /// combination that leaves a minimum above its maximum.
    /// </summary>
    public ProfileEnvelope Tighten(
        double? padMinTargetC = null,
        double? padMaxTargetC = null,
        double? minRampCPerS = null,
        double? maxRampCPerS = null,
        double? maxThermalHoldS = null,
        double? coldExposureMaxS = null,
        double? warmExposureMaxS = null,
        double? vibrationMinHz = null,
        double? vibrationMaxHz = null,
        double? vibrationMaxBoutS = null,
        double? vibrationA8MaxMPerS2 = null,
        double? pressureMaxTargetN = null,
        double? maxSessionS = null)
    {
        var tightened = new ProfileEnvelope(Channels)
        {
            PadMinTargetC = Raise(nameof(PadMinTargetC), PadMinTargetC, padMinTargetC),
            PadMaxTargetC = Lower(nameof(PadMaxTargetC), PadMaxTargetC, padMaxTargetC),
            MinRampCPerS = Raise(nameof(MinRampCPerS), MinRampCPerS, minRampCPerS),
            MaxRampCPerS = Lower(nameof(MaxRampCPerS), MaxRampCPerS, maxRampCPerS),
            MaxThermalHoldS = Lower(nameof(MaxThermalHoldS), MaxThermalHoldS, maxThermalHoldS),
            ColdExposureMaxS = Lower(nameof(ColdExposureMaxS), ColdExposureMaxS, coldExposureMaxS),
            WarmExposureMaxS = Lower(nameof(WarmExposureMaxS), WarmExposureMaxS, warmExposureMaxS),
            VibrationMinHz = Raise(nameof(VibrationMinHz), VibrationMinHz, vibrationMinHz),
            VibrationMaxHz = Lower(nameof(VibrationMaxHz), VibrationMaxHz, vibrationMaxHz),
            VibrationMaxBoutS = Lower(nameof(VibrationMaxBoutS), VibrationMaxBoutS, vibrationMaxBoutS),
            VibrationA8MaxMPerS2 = Lower(nameof(VibrationA8MaxMPerS2), VibrationA8MaxMPerS2, vibrationA8MaxMPerS2),
            PressureMaxTargetN = Lower(nameof(PressureMaxTargetN), PressureMaxTargetN, pressureMaxTargetN),
            MaxSessionS = Lower(nameof(MaxSessionS), MaxSessionS, maxSessionS),
        };
        Ordered(nameof(PadMinTargetC), tightened.PadMinTargetC, nameof(PadMaxTargetC), tightened.PadMaxTargetC);
        Ordered(nameof(MinRampCPerS), tightened.MinRampCPerS, nameof(MaxRampCPerS), tightened.MaxRampCPerS);
        Ordered(nameof(VibrationMinHz), tightened.VibrationMinHz, nameof(VibrationMaxHz), tightened.VibrationMaxHz);
        return tightened;
    }

    private static double Lower(string name, double current, double? configured)
    {
        if (configured is not { } value)
        {
            return current;
        }

        if (double.IsNaN(value) || value > current || value <= 0)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"{name}: {value} would loosen the limit of {current}; configuration may only lower it (above 0)."),
                name);
        }

        return value;
    }

    private static double Raise(string name, double current, double? configured)
    {
        if (configured is not { } value)
        {
            return current;
        }

        if (double.IsNaN(value) || value < current)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"{name}: {value} would loosen the limit of {current}; configuration may only raise it."),
                name);
        }

        return value;
    }

    private static void Ordered(string minName, double min, string maxName, double max)
    {
        if (min > max)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"{minName} ({min}) is above {maxName} ({max}): no value could pass."),
                minName);
        }
    }
}
