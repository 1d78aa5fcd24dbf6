namespace AmpsDevice.FirmwareHost.Hardware.Chips.Ads1115;

/// <summary>PGA[2:0]: full-scale range ±FS (the input itself must stay within GND−0.3 V..VDD+0.3 V).</summary>
public enum Ads1115Range
{
    FullScale6_144V = 0b000,
    FullScale4_096V = 0b001,
    FullScale2_048V = 0b010,
    FullScale1_024V = 0b011,
    FullScale0_512V = 0b100,
    FullScale0_256V = 0b101,
}
