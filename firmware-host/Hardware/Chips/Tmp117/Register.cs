namespace AmpsDevice.FirmwareHost.Hardware.Chips.Tmp117;

/// <summary>TMP117 registers (datasheet table 7-3). All are 16 bit, MSB first.</summary>
internal enum Register : byte
{
    TemperatureResult = 0x00,
    Configuration = 0x01,
    HighLimit = 0x02,
    LowLimit = 0x03,
    EepromUnlock = 0x04,
    Eeprom1 = 0x05,
    Eeprom2 = 0x06,
    TemperatureOffset = 0x07,
    Eeprom3 = 0x08,
    DeviceId = 0x0F,
}
