namespace AmpsDevice.FirmwareHost.Hardware;

/// <summary>What an ADC channel measures.</summary>
internal enum AdcSlotKind
{
    PadSafety,
    VibrationCurrent,
    Pressure,
}

/// <summary>One channel an <see cref="AdcScan"/> converts: its input, what it measures, for which pad or channel, its name in errors.</summary>
internal sealed record AdcSlot(int Channel, AdcSlotKind Kind, int Index, string Name)
{
    /// <summary>The safety ADC's channels: the pads' NTCs, then the tactor currents.</summary>
    public static IEnumerable<AdcSlot> SafetySlots(HardwareOptions options, string adcName)
    {
        for (var i = 0; i < options.Pads.Count; i++)
        {
            yield return new AdcSlot(options.Pads[i].SafetyAdcChannel, AdcSlotKind.PadSafety, i, $"pad{i + 1}.safety (NTC on {adcName})");
        }

        for (var i = 0; i < options.Vibration.Count; i++)
        {
            yield return new AdcSlot(options.Vibration[i].CurrentAdcChannel, AdcSlotKind.VibrationCurrent, i, $"vib{i + 1}.current (on {adcName})");
        }
    }

    /// <summary>The force ADC's channels: the FSRs.</summary>
    public static IEnumerable<AdcSlot> ForceSlots(HardwareOptions options, string adcName)
    {
        for (var i = 0; i < options.Pressure.Count; i++)
        {
            yield return new AdcSlot(options.Pressure[i].AdcChannel, AdcSlotKind.Pressure, i, $"pressure{i + 1} (FSR on {adcName})");
        }
    }
}
