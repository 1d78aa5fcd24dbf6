using AmpsDevice.Protocol.Profiles;
using Microsoft.Extensions.Logging;

namespace AmpsDevice.FirmwareHost.Sessions;

/// <summary>
/// <see cref="IProfileCatalog"/> over the <see cref="ProfileStore"/>, validated against this device's envelope (the
/// same check a start by <c>profileId</c> makes, so everything listed can be started).
/// </summary>
public sealed partial class ProfileCatalog(ProfileStore store, ProfileEnvelope envelope, ILogger<ProfileCatalog> logger) : IProfileCatalog
{
    /// <summary>At most this many profiles are listed: the reply must stay well under a command's size limit.</summary>
    public const int MaxListed = 500;

    public IReadOnlyList<StoredProfile> List()
    {
        if (!Directory.Exists(store.Directory))
        {
            return [];
        }

        var listed = new List<StoredProfile>();
        var ids = Directory.EnumerateFiles(store.Directory, "*.json")
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .Where(ProfileStore.IsValidId)
            .Order(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            var (profile, error) = store.Load(id, envelope);
            if (profile is null)
            {
                LogSkipped(logger, id, error);
                continue;
            }

            listed.Add(new StoredProfile(id, profile));
            if (listed.Count == MaxListed)
            {
                LogTruncated(logger, MaxListed);
                break;
            }
        }

        return listed;
    }

    public (StimulusProfile? Profile, string? Error) Get(string id) => store.Load(id, envelope);

    [LoggerMessage(EventId = 2501, Level = LogLevel.Warning, Message = "Stored profile {ProfileId} is left out of profiles.list: {Error}")]
    private static partial void LogSkipped(ILogger logger, string profileId, string? error);

    [LoggerMessage(EventId = 2502, Level = LogLevel.Warning, Message = "profiles.list lists the first {Count} stored profiles only")]
    private static partial void LogTruncated(ILogger logger, int count);
}
