namespace AmpsDevice.FirmwareHost.Safety;

/// <summary>
/// Configuration section "Safety": each value, when set, tightens the matching absolute limit
/// (a clinic may want cooler pads or gentler pressure for a younger child). A value that would
/// loosen a limit is refused at start, naming the key.
/// </summary>
public sealed class SafetyOptions
{
    public const string Section = "Safety";

    public double? PadMaxTripC { get; set; }
    public double? PadMaxTargetC { get; set; }
    public double? PadMinTripC { get; set; }
    public double? PadMinTargetC { get; set; }
    public double? ColdExposureMaxS { get; set; }
    public double? WarmExposureMaxS { get; set; }
    public double? MaxRampCPerS { get; set; }
    public double? PressureMaxTripN { get; set; }
    public double? PressureMaxTargetN { get; set; }
    public double? VibrationMaxBoutS { get; set; }
    public double? VibrationDailyA8MaxMPerS2 { get; set; }
}
