using System.Text.Json;

namespace AmpsDevice.Protocol.Messages;

/// <summary>Command names: the last level of <c>amps/v1/{deviceId}/cmd/{name}</c>.</summary>
public static class CommandNames
{
    public const string SessionStart = "session.start";
    public const string SessionPause = "session.pause";
    public const string SessionResume = "session.resume";
    public const string SessionStop = "session.stop";
    public const string FaultAck = "fault.ack";
    public const string PainRate = "pain.rate";
    public const string ProfilesList = "profiles.list";
    public const string ProfilesGet = "profiles.get";

    public static IReadOnlyList<string> All { get; } = [SessionStart, SessionPause, SessionResume, SessionStop, FaultAck, PainRate, ProfilesList, ProfilesGet];
}

/// <summary>
/// Fields every command may carry. <c>id</c>: a unique id chosen by the sender; a redelivered command with
/// the same id (or, without one, the same correlation data) is answered again without running twice.
/// <c>issuedAt</c>: when the sender issued it (ISO 8601 with offset); a command older than the device's
/// command expiry (default 10 s) is refused. Required for <c>session.start</c>, optional otherwise.
/// </summary>
public interface ICommandPayload
{
    string? Id { get; }

    DateTimeOffset? IssuedAt { get; }
}

/// <summary><c>cmd/session.start</c>: <c>{"patientId":"p-001","profile":{...}}</c> or <c>{"patientId":"p-001","profileId":"..."}</c>.</summary>
/// <param name="PatientId">Pseudonymous patient id; never a name.</param>
/// <param name="Profile">An inline stimulus profile (amps.profile/1), validated by the device.</param>
/// <param name="ProfileId">The id of a profile stored on the device.</param>
/// <param name="IssuedAt">Required: when the therapist issued it.</param>
/// <param name="Id">Optional unique command id.</param>
public sealed record StartSessionCommand(
    string? PatientId,
    JsonElement? Profile = null,
    string? ProfileId = null,
    DateTimeOffset? IssuedAt = null,
    string? Id = null) : ICommandPayload;

/// <summary><c>cmd/pain.rate</c>: <c>{"value":4}</c>, 0-10 numeric rating scale.</summary>
public sealed record PainRateCommand(int? Value, DateTimeOffset? IssuedAt = null, string? Id = null) : ICommandPayload;

/// <summary><c>cmd/profiles.get</c>: <c>{"profileId":"warmth-3"}</c>, one profile stored on the device.</summary>
public sealed record ProfileGetCommand(string? ProfileId, DateTimeOffset? IssuedAt = null, string? Id = null) : ICommandPayload;

/// <summary><c>cmd/session.pause|session.resume|session.stop|fault.ack|profiles.list</c>: <c>{}</c>.</summary>
public sealed record EmptyCommand(DateTimeOffset? IssuedAt = null, string? Id = null) : ICommandPayload;
