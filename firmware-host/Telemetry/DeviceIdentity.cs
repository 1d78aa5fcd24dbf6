using System.Reflection;
using AmpsDevice.Protocol.Messages;
using AmpsDevice.Protocol.Topics;

namespace AmpsDevice.FirmwareHost.Telemetry;

/// <summary>Who this device is in this boot: id, topics, a fresh boot id, version and hardware mode.</summary>
public sealed class DeviceIdentity
{
    public DeviceIdentity(string deviceId, HardwareMode hardwareMode, string? bootId = null, string? version = null)
    {
        Topics = new DeviceTopics(deviceId);
        HardwareMode = hardwareMode;
        BootId = bootId ?? Guid.NewGuid().ToString("N");
        Version = version ?? SoftwareVersion;
    }

    /// <summary>This build's version, as <c>status</c> publishes it and <c>ampsdevice --version</c> prints it.</summary>
    public static string SoftwareVersion { get; } =
        typeof(DeviceIdentity).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    public string DeviceId => Topics.DeviceId;

    public DeviceTopics Topics { get; }

    public string BootId { get; }

    public string Version { get; }

    public HardwareMode HardwareMode { get; }

    public StatusMessage Status(DeviceState state, DateTimeOffset at, string? reason = null) =>
        new(state, DeviceId, BootId, Version, HardwareMode, at, reason);
}
