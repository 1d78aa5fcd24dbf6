namespace AmpsDevice.FirmwareHost.Hardware.Chips.Tmp117;

/// <summary>AVG[1:0]: conversions averaged per result.</summary>
public enum Tmp117Averaging
{
    None = 0,
    Average8 = 1,
    Average32 = 2,
    Average64 = 3,
}
