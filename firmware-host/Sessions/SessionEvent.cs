using AmpsDevice.Protocol.Messages;
using AmpsDevice.Protocol.Profiles;

namespace AmpsDevice.FirmwareHost.Sessions;

/// <summary>
/// Something that happened to the session or the device, as the session engine saw it on the control
/// thread: lifecycle, steps, pain ratings, patient responses, safety trips, acknowledgements. Records,
/// MQTT events and simulation reports are all made from these.
/// </summary>
public sealed record SessionEvent(EventKind Kind, double AtS, DateTimeOffset At, SessionSnapshot Session)
{
    public string? Target { get; init; }
    public string? Rule { get; init; }
    public double? Value { get; init; }
    public string? Message { get; init; }
    public int? StepIndex { get; init; }
    public string? Result { get; init; }
    public CommandOrigin? Origin { get; init; }

    /// <summary>For a trip: when every output was safe (control-loop time, s).</summary>
    public double? SafeAtS { get; init; }
}

/// <summary>The session as it stands, immutable (safe to hand to other threads).</summary>
/// <param name="ProfileId">The stored profile's id, when the session was started with one.</param>
/// <param name="Profile">The session's profile (immutable).</param>
/// <param name="StepStartedAtS">The <paramref name="ElapsedS"/> at which the current step started.</param>
public sealed record SessionSnapshot(
    SessionState State,
    string? SessionId,
    string? PatientId,
    string? ProfileName,
    int StepIndex,
    int StepCount,
    double ElapsedS,
    double TimeLeftS,
    string? Reason,
    string? ProfileId = null,
    StimulusProfile? Profile = null,
    double? StepStartedAtS = null)
{
    public static SessionSnapshot Idle { get; } = new(SessionState.Idle, null, null, null, -1, 0, 0, 0, null);
}

/// <summary>Receives session events on the control thread. Must return at once (queue, don't work).</summary>
public interface ISessionObserver
{
    void OnSessionEvent(SessionEvent sessionEvent);
}
