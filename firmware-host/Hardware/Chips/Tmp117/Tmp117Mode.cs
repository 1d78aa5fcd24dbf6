namespace AmpsDevice.FirmwareHost.Hardware.Chips.Tmp117;

/// <summary>MOD[1:0].</summary>
public enum Tmp117Mode
{
    Continuous = 0b00,
    Shutdown = 0b01,
    OneShot = 0b11,
}
