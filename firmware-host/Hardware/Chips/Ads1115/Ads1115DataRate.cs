namespace AmpsDevice.FirmwareHost.Hardware.Chips.Ads1115;

/// <summary>DR[2:0]: data rate, samples per second.</summary>
public enum Ads1115DataRate
{
    Sps8 = 0b000,
    Sps16 = 0b001,
    Sps32 = 0b010,
    Sps64 = 0b011,
    Sps128 = 0b100,
    Sps250 = 0b101,
    Sps475 = 0b110,
    Sps860 = 0b111,
}
