namespace AmpsDevice.FirmwareHost.Hardware.Chips.Ads1115;

/// <summary>ADS1115 registers (datasheet 9.6). All 16 bit, MSB first.</summary>
internal enum Register : byte
{
    Conversion = 0x00,
    Config = 0x01,
    LowThreshold = 0x02,
    HighThreshold = 0x03,
}
