namespace AmpsDevice.Protocol.Profiles;

/// <summary>
/// The outcome of reading a profile: either a <see cref="Profile"/> and no errors, or no profile and
/// every error found (in document order, then whole-profile errors).
/// </summary>
public sealed class ProfileValidationResult
{
    internal ProfileValidationResult(StimulusProfile? profile, IReadOnlyList<ProfileError> errors)
    {
        Profile = errors.Count == 0 ? profile : null;
        Errors = errors;
    }

    /// <summary>The profile, when it is valid; otherwise null.</summary>
    public StimulusProfile? Profile { get; }

    /// <summary>Every error found; empty when the profile is valid.</summary>
    public IReadOnlyList<ProfileError> Errors { get; }

    /// <summary>True when the profile is valid.</summary>
    public bool IsValid => Profile is not null;

    internal static ProfileValidationResult Failed(string path, string message) => new(null, [new ProfileError(path, message)]);
}
