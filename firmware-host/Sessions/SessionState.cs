using AmpsDevice.Protocol.Messages;

namespace AmpsDevice.FirmwareHost.Sessions;

/// <summary>Helpers on the protocol's <see cref="SessionState"/> (the names of docs/mqtt.md).</summary>
public static class SessionStateNames
{
    /// <summary>The wire name: <c>idle</c>, <c>ready</c>, ..., <c>safety-stop</c>.</summary>
    public static string ToWire(this SessionState state) => state switch
    {
        SessionState.Idle => "idle",
        SessionState.Ready => "ready",
        SessionState.Running => "running",
        SessionState.Paused => "paused",
        SessionState.Completed => "completed",
        SessionState.Stopped => "stopped",
        SessionState.SafetyStop => "safety-stop",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    /// <summary>A session in this state has ended (or never began): a new one may be started.</summary>
    public static bool IsFinished(this SessionState state) =>
        state is SessionState.Idle or SessionState.Completed or SessionState.Stopped or SessionState.SafetyStop;
}
