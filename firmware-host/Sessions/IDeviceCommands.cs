using System.Text.Json;

namespace AmpsDevice.FirmwareHost.Sessions;

/// <summary>
/// What a therapist (locally, from the dashboard over MQTT, or from a simulation scenario) can ask
/// of the device. Implemented by the session layer; every transport calls this one surface, so a
/// command means the same whichever way it arrived. Calls are thread-safe and never block on the
/// control loop for longer than one tick.
/// </summary>
public interface IDeviceCommands
{
    /// <summary>Starts (or, for a remote start without <c>--allow-remote-start</c>, readies) a session.</summary>
    ValueTask<CommandResult> StartSessionAsync(StartSessionRequest request, CommandOrigin origin, CancellationToken cancellationToken);

    /// <summary>Pauses the running session: vibration off, pads back toward neutral. Always accepted.</summary>
    ValueTask<CommandResult> PauseAsync(CommandOrigin origin, CancellationToken cancellationToken);

    /// <summary>Resumes a paused session where it left off.</summary>
    ValueTask<CommandResult> ResumeAsync(CommandOrigin origin, CancellationToken cancellationToken);

    /// <summary>Stops the session; outputs go safe. Always accepted.</summary>
    ValueTask<CommandResult> StopAsync(CommandOrigin origin, CancellationToken cancellationToken);

    /// <summary>A person acknowledges the latched alarms (refused while a cause is still present).</summary>
    ValueTask<CommandResult> AcknowledgeAlarmsAsync(CommandOrigin origin, CancellationToken cancellationToken);

    /// <summary>The patient's pain rating on the 0-10 numeric rating scale.</summary>
    ValueTask<CommandResult> RatePainAsync(int value, CommandOrigin origin, CancellationToken cancellationToken);
}

/// <summary>Where a command came from; recorded with it.</summary>
public enum CommandOrigin
{
    /// <summary>The device's own buttons.</summary>
    Local,

    /// <summary>The clinic dashboard, over MQTT.</summary>
    Remote,

    /// <summary>A simulation scenario file.</summary>
    Scenario,
}

/// <summary>A session start: a pseudonymous patient id and either an inline profile, a stored one, or neither
/// (the current level of the patient's plan, docs/plans.md).</summary>
/// <param name="PatientId">Pseudonymous id such as <c>p-001</c>; never a name.</param>
/// <param name="Profile">The profile as JSON, validated by the session layer.</param>
/// <param name="ProfileId">The id of a profile (or plan) stored on the device.</param>
public sealed record StartSessionRequest(string PatientId, JsonElement? Profile, string? ProfileId);

/// <summary>The answer to a command: ok, or the reason it was refused.</summary>
public sealed record CommandResult(bool Ok, string? Error = null, string? SessionId = null, string? State = null)
{
    public static CommandResult Success(string? sessionId = null, string? state = null) => new(true, null, sessionId, state);

    public static CommandResult Refused(string error) => new(false, error);
}
