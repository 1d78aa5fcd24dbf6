namespace AmpsDevice.FirmwareHost.Hardware.Chips.Pca9685;

/// <summary>PCA9685 MODE2 bits (datasheet table 6). Power-on value: OutputTotemPole.</summary>
[Flags]
public enum Pca9685Mode2 : byte
{
    None = 0,
    OutputNotEnabledMask = 0x03,
    /// <summary>OUTDRV: totem-pole outputs (else open-drain).</summary>
    OutputTotemPole = 0x04,
    /// <summary>OCH: outputs change on ACK instead of STOP.</summary>
    OutputChangeOnAck = 0x08,
    Invert = 0x10,
}
