namespace AmpsDevice.Protocol.Profiles;

/// <summary>What a channel name refers to.</summary>
public enum ChannelKind
{
    /// <summary>A thermal pad (Peltier), e.g. <c>pad1</c>.</summary>
    Pad,

    /// <summary>A vibration motor, e.g. <c>vib1</c>.</summary>
    Vibration,

    /// <summary>A pressure (force) sensor, e.g. <c>pressure1</c>.</summary>
    Pressure,
}

/// <summary>The channel names of one device, by kind. Names are unique across kinds and case-sensitive.</summary>
public sealed class DeviceChannels
{
    /// <summary>Creates the channel set; throws <see cref="ArgumentException"/> on an empty or repeated name.</summary>
    public DeviceChannels(IEnumerable<string> pads, IEnumerable<string> vibration, IEnumerable<string> pressure)
    {
        Pads = [.. pads];
        Vibration = [.. vibration];
        Pressure = [.. pressure];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in Pads.Concat(Vibration).Concat(Pressure))
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new ArgumentException("A channel name may not be empty.", nameof(pads));
            }

            if (!seen.Add(name))
            {
                throw new ArgumentException($"Channel name '{name}' appears twice.", nameof(pads));
            }
        }
    }

    /// <summary>The reference device: pad1, pad2, vib1, vib2, pressure1, pressure2.</summary>
    public static DeviceChannels Default { get; } = new(["pad1", "pad2"], ["vib1", "vib2"], ["pressure1", "pressure2"]);

    /// <summary>Thermal pad names.</summary>
    public IReadOnlyList<string> Pads { get; }

    /// <summary>Vibration channel names.</summary>
    public IReadOnlyList<string> Vibration { get; }

    /// <summary>Pressure channel names.</summary>
    public IReadOnlyList<string> Pressure { get; }

    /// <summary>The kind of <paramref name="name"/>, or null when the device has no such channel.</summary>
    public ChannelKind? KindOf(string name) =>
        Pads.Contains(name) ? ChannelKind.Pad
        : Vibration.Contains(name) ? ChannelKind.Vibration
        : Pressure.Contains(name) ? ChannelKind.Pressure
        : null;

    /// <summary>The names of one kind.</summary>
    public IReadOnlyList<string> Of(ChannelKind kind) => kind switch
    {
        ChannelKind.Pad => Pads,
        ChannelKind.Vibration => Vibration,
        _ => Pressure,
    };
}
