using Microsoft.Extensions.Options;

namespace AmpsDevice.FirmwareHost.Safety;

/// <summary>Refuses any <see cref="SafetyOptions"/> value that would loosen the absolute envelope.</summary>
public sealed class SafetyOptionsValidator : IValidateOptions<SafetyOptions>
{
    public ValidateOptionsResult Validate(string? name, SafetyOptions options)
    {
        var errors = Check(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Every problem, one message each, naming the configuration key.</summary>
    public static List<string> Check(SafetyOptions o)
    {
        var a = SafetyLimits.Absolute;
        var errors = new List<string>();
        AtMost(errors, nameof(o.PadMaxTripC), o.PadMaxTripC, a.PadMaxTripC, "°C");
        AtMost(errors, nameof(o.PadMaxTargetC), o.PadMaxTargetC, a.PadMaxTargetC, "°C");
        AtLeast(errors, nameof(o.PadMinTripC), o.PadMinTripC, a.PadMinTripC, "°C");
        AtLeast(errors, nameof(o.PadMinTargetC), o.PadMinTargetC, a.PadMinTargetC, "°C");
        AtMost(errors, nameof(o.ColdExposureMaxS), o.ColdExposureMaxS, a.ColdExposureMaxS, "s");
        AtMost(errors, nameof(o.WarmExposureMaxS), o.WarmExposureMaxS, a.WarmExposureMaxS, "s");
        AtMost(errors, nameof(o.MaxRampCPerS), o.MaxRampCPerS, a.MaxRampCPerS, "°C/s");
        AtMost(errors, nameof(o.PressureMaxTripN), o.PressureMaxTripN, a.PressureMaxTripN, "N");
        AtMost(errors, nameof(o.PressureMaxTargetN), o.PressureMaxTargetN, a.PressureMaxTargetN, "N");
        AtMost(errors, nameof(o.VibrationMaxBoutS), o.VibrationMaxBoutS, a.VibrationMaxBoutS, "s");
        AtMost(errors, nameof(o.VibrationDailyA8MaxMPerS2), o.VibrationDailyA8MaxMPerS2, a.VibrationDailyA8MaxMPerS2, "m/s²");

        var maxTarget = o.PadMaxTargetC ?? a.PadMaxTargetC;
        var maxTrip = o.PadMaxTripC ?? a.PadMaxTripC;
        if (maxTarget >= maxTrip)
        {
            errors.Add($"{SafetyOptions.Section}:{nameof(o.PadMaxTargetC)}: {maxTarget} must stay below the trip {maxTrip} °C");
        }

        var minTarget = o.PadMinTargetC ?? a.PadMinTargetC;
        var minTrip = o.PadMinTripC ?? a.PadMinTripC;
        if (minTarget <= minTrip)
        {
            errors.Add($"{SafetyOptions.Section}:{nameof(o.PadMinTargetC)}: {minTarget} must stay above the trip {minTrip} °C");
        }

        if ((o.PressureMaxTargetN ?? a.PressureMaxTargetN) >= (o.PressureMaxTripN ?? a.PressureMaxTripN))
        {
            errors.Add($"{SafetyOptions.Section}:{nameof(o.PressureMaxTargetN)}: must stay below {nameof(o.PressureMaxTripN)}");
        }

        return errors;
    }

    private static void AtMost(List<string> errors, string key, double? value, double limit, string unit)
    {
        if (value is not { } v)
        {
            return;
        }

        if (!double.IsFinite(v) || v <= 0 && unit != "°C")
        {
            errors.Add($"{SafetyOptions.Section}:{key}: {v} is not a usable value");
        }
        else if (v > limit)
        {
            errors.Add($"{SafetyOptions.Section}:{key}: {v} {unit} would loosen the device limit of {limit} {unit}; configuration may only tighten it");
        }
    }

    private static void AtLeast(List<string> errors, string key, double? value, double limit, string unit)
    {
        if (value is not { } v)
        {
            return;
        }

        if (!double.IsFinite(v))
        {
            errors.Add($"{SafetyOptions.Section}:{key}: {v} is not a usable value");
        }
        else if (v < limit)
        {
            errors.Add($"{SafetyOptions.Section}:{key}: {v} {unit} would loosen the device limit of {limit} {unit}; configuration may only tighten it");
        }
    }
}
