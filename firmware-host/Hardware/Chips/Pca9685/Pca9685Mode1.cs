namespace AmpsDevice.FirmwareHost.Hardware.Chips.Pca9685;

/// <summary>PCA9685 MODE1 bits (datasheet table 5). Power-on value: Sleep | AllCall.</summary>
[Flags]
public enum Pca9685Mode1 : byte
{
    None = 0,
    AllCall = 0x01,
    SubAddress3 = 0x02,
    SubAddress2 = 0x04,
    SubAddress1 = 0x08,
    /// <summary>Oscillator off; outputs stop. PRE_SCALE can be written only while set.</summary>
    Sleep = 0x10,
    /// <summary>Register auto-increment after each byte.</summary>
    AutoIncrement = 0x20,
    ExternalClock = 0x40,
    /// <summary>Reads 1 when PWM was running before sleep; writing 1 restarts it.</summary>
    Restart = 0x80,
}
