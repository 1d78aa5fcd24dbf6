using AmpsDevice.Protocol.Envelope;

namespace AmpsDevice.FirmwareHost.Safety;

/// <summary>
/// Configuration section "Safety": each value, when set, tightens the <see cref="AbsoluteLimits"/> limit of
/// the same key (a clinic may want cooler pads or gentler pressure for a younger child). A value that would
/// loosen a limit is refused at start, naming the key (<see cref="SafetyOptionsValidator"/>).
/// </summary>
public sealed class SafetyOptions
{
    public const string SectionName = "Safety";

    public double? PadMaxTripC { get; set; }
    public double? PadMaxTargetC { get; set; }
    public double? PadMinTripC { get; set; }
    public double? PadMinTargetC { get; set; }
    public double? ColdExposureMaxS { get; set; }
    public double? WarmExposureMaxS { get; set; }
    public double? MaxRampCPerS { get; set; }
    public double? MinRampCPerS { get; set; }
    public double? MaxThermalHoldS { get; set; }
    public double? VibrationMinHz { get; set; }
    public double? VibrationMaxHz { get; set; }
    public double? VibrationMaxBoutS { get; set; }
    public double? VibrationDailyA8MaxMPerS2 { get; set; }
    public double? PressureMaxTripN { get; set; }
    public double? PressureMaxTargetN { get; set; }
    public double? MaxSessionS { get; set; }

    /// <summary>Each limit with the value configured for it (null: not configured). The one map from key to limit.</summary>
    public IEnumerable<(SafetyLimit Limit, double? Value)> Configured() =>
    [
        (AbsoluteLimits.PadMaxTripC, PadMaxTripC),
        (AbsoluteLimits.PadMaxTargetC, PadMaxTargetC),
        (AbsoluteLimits.PadMinTripC, PadMinTripC),
        (AbsoluteLimits.PadMinTargetC, PadMinTargetC),
        (AbsoluteLimits.ColdExposureMaxS, ColdExposureMaxS),
        (AbsoluteLimits.WarmExposureMaxS, WarmExposureMaxS),
        (AbsoluteLimits.MaxRampCPerS, MaxRampCPerS),
        (AbsoluteLimits.MinRampCPerS, MinRampCPerS),
        (AbsoluteLimits.MaxThermalHoldS, MaxThermalHoldS),
        (AbsoluteLimits.VibrationMinHz, VibrationMinHz),
        (AbsoluteLimits.VibrationMaxHz, VibrationMaxHz),
        (AbsoluteLimits.VibrationMaxBoutS, VibrationMaxBoutS),
        (AbsoluteLimits.VibrationDailyA8MaxMPerS2, VibrationDailyA8MaxMPerS2),
        (AbsoluteLimits.PressureMaxTripN, PressureMaxTripN),
        (AbsoluteLimits.PressureMaxTargetN, PressureMaxTargetN),
        (AbsoluteLimits.MaxSessionS, MaxSessionS),
    ];

    /// <summary>The limits in force: the absolute ones, tightened by these options.</summary>
    /// <exception cref="ArgumentException">An option would loosen a limit; the message names every key (<c>Safety:Key</c>).</exception>
    public LimitSet ToLimits() => LimitSet.Absolute.Tighten(Configured(), $"{SectionName}:");
}
