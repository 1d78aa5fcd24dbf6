using AmpsDevice.Protocol.Envelope;

namespace AmpsDevice.FirmwareHost.Safety;

/// <summary>
/// The limits in force: the compiled-in <see cref="AbsoluteLimits"/>, tightened (never loosened) by
/// configuration (<see cref="SafetyOptions"/>). Every rule reads its numbers from here.
/// </summary>
public sealed record SafetyLimits
{
    public double PadMaxTripC { get; init; } = AbsoluteLimits.PadMaxTripC;
    public double PadMaxTargetC { get; init; } = AbsoluteLimits.PadMaxTargetC;
    public double PadMinTripC { get; init; } = AbsoluteLimits.PadMinTripC;
    public double PadMinTargetC { get; init; } = AbsoluteLimits.PadMinTargetC;
    public double ColdExposureMaxS { get; init; } = AbsoluteLimits.ColdExposureMaxS;
    public double WarmExposureMaxS { get; init; } = AbsoluteLimits.WarmExposureMaxS;
    public double MaxRampCPerS { get; init; } = AbsoluteLimits.MaxRampCPerS;
    public double PressureMaxTripN { get; init; } = AbsoluteLimits.PressureMaxTripN;
    public double PressureMaxTargetN { get; init; } = AbsoluteLimits.PressureMaxTargetN;
    public double VibrationMaxBoutS { get; init; } = AbsoluteLimits.VibrationMaxBoutS;
    public double VibrationDailyA8MaxMPerS2 { get; init; } = AbsoluteLimits.VibrationDailyA8MaxMPerS2;

    /// <summary>The absolute envelope, untightened.</summary>
    public static SafetyLimits Absolute { get; } = new();

    /// <summary>Applies configuration on top of the absolute limits. Throws when an option would loosen one.</summary>
    public static SafetyLimits From(SafetyOptions options)
    {
        var errors = SafetyOptionsValidator.Check(options);
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, errors), nameof(options));
        }

        var a = Absolute;
        return new SafetyLimits
        {
            PadMaxTripC = options.PadMaxTripC ?? a.PadMaxTripC,
            PadMaxTargetC = options.PadMaxTargetC ?? a.PadMaxTargetC,
            PadMinTripC = options.PadMinTripC ?? a.PadMinTripC,
            PadMinTargetC = options.PadMinTargetC ?? a.PadMinTargetC,
            ColdExposureMaxS = options.ColdExposureMaxS ?? a.ColdExposureMaxS,
            WarmExposureMaxS = options.WarmExposureMaxS ?? a.WarmExposureMaxS,
            MaxRampCPerS = options.MaxRampCPerS ?? a.MaxRampCPerS,
            PressureMaxTripN = options.PressureMaxTripN ?? a.PressureMaxTripN,
            PressureMaxTargetN = options.PressureMaxTargetN ?? a.PressureMaxTargetN,
            VibrationMaxBoutS = options.VibrationMaxBoutS ?? a.VibrationMaxBoutS,
            VibrationDailyA8MaxMPerS2 = options.VibrationDailyA8MaxMPerS2 ?? a.VibrationDailyA8MaxMPerS2,
        };
    }
}
