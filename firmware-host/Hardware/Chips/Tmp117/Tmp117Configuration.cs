namespace AmpsDevice.FirmwareHost.Hardware.Chips.Tmp117;

/// <summary>TMP117 configuration register bits (datasheet 7.6.1.2).</summary>
[Flags]
public enum Tmp117Configuration : ushort
{
    None = 0,
    SoftReset = 1 << 1,
    /// <summary>ALERT pin shows Data_Ready instead of the alert.</summary>
    DataReadyOnAlertPin = 1 << 2,
    AlertPolarityHigh = 1 << 3,
    /// <summary>Therm mode instead of alert mode.</summary>
    ThermMode = 1 << 4,
    AveragingMask = 0b11 << 5,
    ConversionMask = 0b111 << 7,
    ModeMask = 0b11 << 10,
    EepromBusy = 1 << 12,
    /// <summary>A conversion finished since the configuration or temperature register was last read.</summary>
    DataReady = 1 << 13,
    LowAlert = 1 << 14,
    HighAlert = 1 << 15,
}
