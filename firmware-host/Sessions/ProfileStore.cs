using AmpsDevice.Protocol.Profiles;

namespace AmpsDevice.FirmwareHost.Sessions;

/// <summary>
/// Profiles kept on the device, one JSON file each under <c>{data}/profiles/{id}.json</c>, so a
/// dashboard can start a session by <c>profileId</c>. Ids are restricted to a safe alphabet so an id
/// can never name a file outside that folder.
/// </summary>
public sealed class ProfileStore(string dataDirectory)
{
    public string Directory { get; } = Path.Combine(dataDirectory, "profiles");

    /// <summary>Whether <paramref name="id"/> is a usable profile id (letters, digits, '-', '_', '.', at most 64).</summary>
    public static bool IsValidId(string id) =>
        id.Length is > 0 and <= 64 && id[0] != '.' && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <summary>Reads and validates a stored profile; on failure, every problem in one message.</summary>
    public (StimulusProfile? Profile, string? Error) Load(string id, ProfileEnvelope envelope)
    {
        if (!IsValidId(id))
        {
            return (null, $"profileId: '{id}' is not a valid profile id (letters, digits, '-', '_', '.')");
        }

        var path = Path.Combine(Directory, id + ".json");
        if (!File.Exists(path))
        {
            return (null, $"profileId: no profile '{id}' is stored on this device");
        }

        var result = ProfileParser.ParseFile(path, envelope);
        return result.IsValid ? (result.Value, null) : (null, $"stored profile '{id}' is invalid: " + string.Join("; ", result.Errors));
    }

    /// <summary>Stores a validated profile under an id (atomically: write, flush, rename).</summary>
    public void Save(string id, StimulusProfile profile)
    {
        if (!IsValidId(id))
        {
            throw new ArgumentException($"'{id}' is not a valid profile id", nameof(id));
        }

        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(Directory, id + ".json");
        var temp = path + ".tmp";
        File.WriteAllText(temp, ProfileJson.Serialize(profile));
        File.Move(temp, path, overwrite: true);
    }
}
