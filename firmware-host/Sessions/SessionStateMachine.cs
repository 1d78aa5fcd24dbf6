using AmpsDevice.Protocol.Messages;

namespace AmpsDevice.FirmwareHost.Sessions;

/// <summary>What can happen to a session.</summary>
public enum SessionTrigger
{
    Load,
    LocalStart,
    Pause,
    Resume,
    Stop,
    Complete,
    SafetyTrip,
    PersonStop,
    Withdrawal,
    PainAtThreshold,
    PauseTimeout,
}

/// <summary>
/// The session's legal transitions, and a reason for every illegal one. Pure: no clock, no I/O,
/// so every transition (and every refusal) is tested directly.
/// <code>
/// idle/finished --Load--> ready (awaiting the local start) or running (started at once)
/// ready --LocalStart--> running      ready --Stop--> stopped
/// running --Pause | PainAtThreshold | Withdrawal--> paused      paused --Resume--> running
/// running|paused --Stop | PersonStop | PauseTimeout--> stopped
/// running|paused|ready --SafetyTrip--> safety-stop
/// running --Complete--> completed
/// </code>
/// </summary>
public static class SessionStateMachine
{
    /// <summary>The state after <paramref name="trigger"/>, or a refusal naming why it is not allowed now.</summary>
    /// <param name="startAtOnce">For <see cref="SessionTrigger.Load"/>: start running rather than wait in ready.</param>
    public static (SessionState Next, string? Refusal) Next(SessionState current, SessionTrigger trigger, bool startAtOnce = false)
    {
        string Refuse(string why) => why;
        return (current, trigger) switch
        {
            (_, SessionTrigger.Load) when current.IsFinished() => (startAtOnce ? SessionState.Running : SessionState.Ready, null),
            (_, SessionTrigger.Load) => (current, Refuse($"a session is already {current.ToWire()}; stop it first")),

            (SessionState.Ready, SessionTrigger.LocalStart) => (SessionState.Running, null),
            (_, SessionTrigger.LocalStart) => (current, Refuse($"nothing is waiting to start (session is {current.ToWire()})")),

            (SessionState.Running, SessionTrigger.Pause or SessionTrigger.PainAtThreshold or SessionTrigger.Withdrawal) => (SessionState.Paused, null),
            (SessionState.Paused, SessionTrigger.Pause or SessionTrigger.PainAtThreshold or SessionTrigger.Withdrawal) => (SessionState.Paused, null),
            (_, SessionTrigger.Pause) => (current, Refuse($"no running session to pause (session is {current.ToWire()})")),
            (_, SessionTrigger.PainAtThreshold or SessionTrigger.Withdrawal) => (current, null),

            (SessionState.Paused, SessionTrigger.Resume) => (SessionState.Running, null),
            (_, SessionTrigger.Resume) => (current, Refuse($"no paused session to resume (session is {current.ToWire()})")),

            (SessionState.Ready or SessionState.Running or SessionState.Paused, SessionTrigger.Stop or SessionTrigger.PersonStop) => (SessionState.Stopped, null),
            (SessionState.Paused, SessionTrigger.PauseTimeout) => (SessionState.Stopped, null),
            (_, SessionTrigger.PauseTimeout) => (current, null),
            (_, SessionTrigger.Stop) => (current, null), // stop is always accepted; with nothing running it changes nothing
            (_, SessionTrigger.PersonStop) => (current, null),

            (SessionState.Ready or SessionState.Running or SessionState.Paused, SessionTrigger.SafetyTrip) => (SessionState.SafetyStop, null),
            (_, SessionTrigger.SafetyTrip) => (current, null),

            (SessionState.Running, SessionTrigger.Complete) => (SessionState.Completed, null),
            (_, SessionTrigger.Complete) => (current, Refuse($"only a running session completes (session is {current.ToWire()})")),

            _ => (current, Refuse($"{trigger} is not possible while {current.ToWire()}")),
        };
    }
}
