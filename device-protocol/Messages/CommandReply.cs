using System.Text.Json;
using System.Text.Json.Serialization;

namespace AmpsDevice.Protocol.Messages;

/// <summary>
/// The reply to a command, published to the request's MQTT 5 response topic with its correlation data:
/// <c>{"ok":true,...}</c> or <c>{"ok":false,"error":"what is wrong"}</c>.
/// </summary>
/// <param name="Ok">The command was carried out.</param>
/// <param name="Command">The command name (<c>session.start</c>), when it could be read from the topic.</param>
/// <param name="Error">Why it was refused.</param>
/// <param name="SessionId">The session concerned, if any.</param>
/// <param name="State">The session state after the command, if known.</param>
/// <param name="Warning">Accepted, but something in the request was ignored (e.g. an unreadable body on session.stop).</param>
/// <param name="Duplicate">This is the stored reply to a command already handled; it was not executed again.</param>
/// <param name="Profiles"><c>profiles.list</c>: the valid profiles stored on the device, by id.</param>
/// <param name="ProfileId"><c>profiles.get</c>: the id asked for.</param>
/// <param name="Profile"><c>profiles.get</c>: the stored profile (amps.profile/1, canonical form).</param>
public sealed record CommandReply(
    bool Ok,
    string? Command = null,
    string? Error = null,
    string? SessionId = null,
    string? State = null,
    string? Warning = null,
    bool? Duplicate = null,
    IReadOnlyList<StoredProfileEntry>? Profiles = null,
    string? ProfileId = null,
    JsonElement? Profile = null)
{
    [JsonPropertyOrder(-2)]
    public string Schema { get; init; } = SchemaIds.Reply;
}

/// <summary>One entry of the <c>profiles.list</c> reply.</summary>
/// <param name="Id">The id to start it with (<c>session.start</c>'s <c>profileId</c>) or fetch it with (<c>profiles.get</c>).</param>
/// <param name="Name">The profile's <c>name</c>.</param>
/// <param name="DurationS">Its nominal duration, s (pressure steps counted as their hold, not their timeout).</param>
public sealed record StoredProfileEntry(string Id, string Name, double DurationS);
