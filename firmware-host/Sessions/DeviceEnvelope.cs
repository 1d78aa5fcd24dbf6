using AmpsDevice.FirmwareHost.Hardware;
using AmpsDevice.FirmwareHost.Safety;
using AmpsDevice.Protocol.Profiles;

namespace AmpsDevice.FirmwareHost.Sessions;

/// <summary>The profile envelope of this device: its channels, and the safety limits in force.</summary>
public static class DeviceEnvelope
{
    public static ProfileEnvelope For(DeviceShape shape, SafetyLimits limits) =>
        ProfileEnvelope.Absolute(new DeviceChannels(shape.Pads, shape.Vibration, shape.Pressure)).Tighten(
            padMinTargetC: limits.PadMinTargetC,
            padMaxTargetC: limits.PadMaxTargetC,
            maxRampCPerS: limits.MaxRampCPerS,
            coldExposureMaxS: limits.ColdExposureMaxS,
            warmExposureMaxS: limits.WarmExposureMaxS,
            vibrationMaxBoutS: limits.VibrationMaxBoutS,
            pressureMaxTargetN: limits.PressureMaxTargetN);
}
