using AmpsDevice.Protocol.Profiles;

namespace AmpsDevice.FirmwareHost.Sessions;

/// <summary>
/// The profiles stored on the device, as a dashboard browses them before starting a session by
/// <c>profileId</c>. Read-only; each call reads the store afresh, so a profile copied onto the device shows at once.
/// </summary>
public interface IProfileCatalog
{
    /// <summary>The valid stored profiles, ordered by id. A stored file that does not validate is left out (and logged).</summary>
    IReadOnlyList<StoredProfile> List();

    /// <summary>One stored profile, validated against this device; on failure, the problem in one message.</summary>
    (StimulusProfile? Profile, string? Error) Get(string id);
}

/// <summary>A valid stored profile and its id.</summary>
public sealed record StoredProfile(string Id, StimulusProfile Profile);
