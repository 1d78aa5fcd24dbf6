using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using AmpsDevice.Protocol.Messages;

namespace AmpsDevice.Dashboard.History;

/// <summary>The contract's own words for its enums (<c>pain-rating</c>, <c>safety-stop</c>), as stored in the history.</summary>
public static class ProtocolNames
{
    private static readonly FrozenDictionary<EventKind, string> EventKinds = Names(ProtocolJsonContext.Default.EventKind);
    private static readonly FrozenDictionary<SessionState, string> SessionStates = Names(ProtocolJsonContext.Default.SessionState);
    private static readonly FrozenDictionary<DeviceState, string> DeviceStates = Names(ProtocolJsonContext.Default.DeviceState);
    private static readonly FrozenDictionary<HardwareMode, string> HardwareModes = Names(ProtocolJsonContext.Default.HardwareMode);

    public static string Of(EventKind kind) => EventKinds[kind];

    public static string Of(SessionState state) => SessionStates[state];

    public static string Of(DeviceState state) => DeviceStates[state];

    public static string Of(HardwareMode mode) => HardwareModes[mode];

    /// <summary>The session states that end a session, and so give it its outcome.</summary>
    public static bool IsTerminal(SessionState state) => state is SessionState.Completed or SessionState.Stopped or SessionState.SafetyStop;

    private static FrozenDictionary<T, string> Names<T>(JsonTypeInfo<T> type)
        where T : struct, Enum =>
        Enum.GetValues<T>().ToFrozenDictionary(v => v, v => JsonSerializer.Serialize(v, type).Trim('"'));
}
