using AmpsDevice.Protocol.Envelope;

namespace AmpsDevice.Protocol.Profiles;

/// <summary>
/// The limits a profile is checked against: the device's channels and a <see cref="LimitSet"/> (every value
/// defined once in <see cref="AbsoluteLimits"/>). <see cref="Absolute"/> uses the compiled-in values;
/// configuration may only <see cref="Tighten"/> them. There is no way to build a looser envelope.
/// </summary>
public sealed class ProfileEnvelope
{
    private ProfileEnvelope(DeviceChannels channels, LimitSet limits)
    {
        Channels = channels;
        Limits = limits;
    }

    /// <summary>The device's channel names.</summary>
    public DeviceChannels Channels { get; }

    /// <summary>The limits in force.</summary>
    public LimitSet Limits { get; }

    /// <summary>Lowest thermal target, °C.</summary>
    public double PadMinTargetC => Limits[AbsoluteLimits.PadMinTargetC];

    /// <summary>Highest thermal target, °C.</summary>
    public double PadMaxTargetC => Limits[AbsoluteLimits.PadMaxTargetC];

    /// <summary>Slowest thermal ramp, °C/s.</summary>
    public double MinRampCPerS => Limits[AbsoluteLimits.MinRampCPerS];

    /// <summary>Fastest thermal ramp, °C/s.</summary>
    public double MaxRampCPerS => Limits[AbsoluteLimits.MaxRampCPerS];

    /// <summary>Longest hold of one thermal step, s.</summary>
    public double MaxThermalHoldS => Limits[AbsoluteLimits.MaxThermalHoldS];

    /// <summary>Longest continuous time a pad may stay below <see cref="AbsoluteLimits.ColdExposureBelowC"/>, s.</summary>
    public double ColdExposureMaxS => Limits[AbsoluteLimits.ColdExposureMaxS];

    /// <summary>Longest continuous time a pad may stay above <see cref="AbsoluteLimits.WarmExposureAboveC"/>, s.</summary>
    public double WarmExposureMaxS => Limits[AbsoluteLimits.WarmExposureMaxS];

    /// <summary>Lowest vibration frequency, Hz.</summary>
    public double VibrationMinHz => Limits[AbsoluteLimits.VibrationMinHz];

    /// <summary>Highest vibration frequency, Hz.</summary>
    public double VibrationMaxHz => Limits[AbsoluteLimits.VibrationMaxHz];

    /// <summary>Longest vibration bout at one site, s.</summary>
    public double VibrationMaxBoutS => Limits[AbsoluteLimits.VibrationMaxBoutS];

    /// <summary>Vibration dose limit of one session, A(8) in m/s² (the daily action value: one session
    /// alone must stay under it; the day's running total is the session layer's).</summary>
    public double VibrationDailyA8MaxMPerS2 => Limits[AbsoluteLimits.VibrationDailyA8MaxMPerS2];

    /// <summary>Highest pressure target, N.</summary>
    public double PressureMaxTargetN => Limits[AbsoluteLimits.PressureMaxTargetN];

    /// <summary>Applied force that trips the supervisor, N (the band of a pressure step must stay under it).</summary>
    public double PressureMaxTripN => Limits[AbsoluteLimits.PressureMaxTripN];

    /// <summary>Longest session, s.</summary>
    public double MaxSessionS => Limits[AbsoluteLimits.MaxSessionS];

    /// <summary>The compiled-in envelope for a device with <paramref name="channels"/> (default: the reference device).</summary>
    public static ProfileEnvelope Absolute(DeviceChannels? channels = null) => new(channels ?? DeviceChannels.Default, LimitSet.Absolute);

    /// <summary>The envelope of a device with <paramref name="channels"/> and the limits in force on it.</summary>
    public static ProfileEnvelope For(DeviceChannels channels, LimitSet limits)
    {
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentNullException.ThrowIfNull(limits);
        return new(channels, limits);
    }

    /// <summary>
    /// A copy with some limits tightened (<see cref="LimitSet.Tighten"/>). A value equal to or tighter than the
    /// current one wins; a looser one, NaN, or 0 or less for a duration, rate, frequency, force or dose throws
    /// <see cref="ArgumentException"/> naming the limit, as does a combination that leaves a minimum above its maximum.
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
        double? vibrationDailyA8MaxMPerS2 = null,
        double? pressureMaxTargetN = null,
        double? maxSessionS = null) =>
        new(Channels, Limits.Tighten(
        [
            (AbsoluteLimits.PadMinTargetC, padMinTargetC),
            (AbsoluteLimits.PadMaxTargetC, padMaxTargetC),
            (AbsoluteLimits.MinRampCPerS, minRampCPerS),
            (AbsoluteLimits.MaxRampCPerS, maxRampCPerS),
            (AbsoluteLimits.MaxThermalHoldS, maxThermalHoldS),
            (AbsoluteLimits.ColdExposureMaxS, coldExposureMaxS),
            (AbsoluteLimits.WarmExposureMaxS, warmExposureMaxS),
            (AbsoluteLimits.VibrationMinHz, vibrationMinHz),
            (AbsoluteLimits.VibrationMaxHz, vibrationMaxHz),
            (AbsoluteLimits.VibrationMaxBoutS, vibrationMaxBoutS),
            (AbsoluteLimits.VibrationDailyA8MaxMPerS2, vibrationDailyA8MaxMPerS2),
            (AbsoluteLimits.PressureMaxTargetN, pressureMaxTargetN),
            (AbsoluteLimits.MaxSessionS, maxSessionS),
        ]));
}
