namespace AmpsDevice.FirmwareHost.Hardware.Chips.Pca9685;

/// <summary>PCA9685 registers (datasheet table 4).</summary>
internal enum Register : byte
{
    Mode1 = 0x00,
    Mode2 = 0x01,
    SubAddress1 = 0x02,
    SubAddress2 = 0x03,
    SubAddress3 = 0x04,
    AllCallAddress = 0x05,
    Led0OnL = 0x06,
    Led0OnH = 0x07,
    Led0OffL = 0x08,
    Led0OffH = 0x09,
    AllLedOnL = 0xFA,
    AllLedOnH = 0xFB,
    AllLedOffL = 0xFC,
    AllLedOffH = 0xFD,
    Prescale = 0xFE,
}
