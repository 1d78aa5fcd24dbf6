using AmpsDevice.FirmwareHost.Hardware;
using AmpsDevice.Protocol.Envelope;
using AmpsDevice.Protocol.Profiles;

namespace AmpsDevice.FirmwareHost.Sessions;

/// <summary>The profile envelope of this device: its channels, and the safety limits in force.</summary>
public static class DeviceEnvelope
{
    public static ProfileEnvelope For(DeviceShape shape, LimitSet limits) =>
        ProfileEnvelope.For(new DeviceChannels(shape.Pads, shape.Vibration, shape.Pressure), limits);
}
