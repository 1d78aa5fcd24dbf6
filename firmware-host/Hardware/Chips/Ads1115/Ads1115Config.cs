namespace AmpsDevice.FirmwareHost.Hardware.Chips.Ads1115;

/// <summary>ADS1115 config register bits (datasheet 9.6.3).</summary>
[Flags]
public enum Ads1115Config : ushort
{
    None = 0,
    /// <summary>COMP_QUE = 11: comparator disabled, ALERT high-impedance.</summary>
    ComparatorDisable = 0b11,
    ComparatorLatching = 1 << 2,
    ComparatorActiveHigh = 1 << 3,
    ComparatorWindow = 1 << 4,
    DataRateMask = 0b111 << 5,
    /// <summary>MODE: 1 = single-shot (power-down between conversions), 0 = continuous.</summary>
    SingleShot = 1 << 8,
    RangeMask = 0b111 << 9,
    MuxMask = 0b111 << 12,
    /// <summary>OS: write 1 starts a single conversion; reads 0 while converting, 1 when idle.</summary>
    OperationalStatus = 1 << 15,
}
