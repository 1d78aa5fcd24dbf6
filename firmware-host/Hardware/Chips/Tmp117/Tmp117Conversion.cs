namespace AmpsDevice.FirmwareHost.Hardware.Chips.Tmp117;

/// <summary>CONV[2:0]: the conversion cycle time, together with the averaging (datasheet table 7-7).</summary>
public enum Tmp117Conversion
{
    /// <summary>15.5 ms with no averaging (the cycle is never shorter than the averaged conversion).</summary>
    Cycle15_5ms = 0,
    Cycle125ms = 1,
    Cycle250ms = 2,
    Cycle500ms = 3,
    Cycle1s = 4,
    Cycle4s = 5,
    Cycle8s = 6,
    Cycle16s = 7,
}
