using AmpsDevice.Protocol.Profiles;

namespace AmpsDevice.Protocol.Plans;

/// <summary>The outcome of reading a plan: a <see cref="Plan"/> and no errors, or no plan and every error found.</summary>
public sealed class PlanValidationResult
{
    internal PlanValidationResult(TherapyPlan? plan, IReadOnlyList<ProfileError> errors)
    {
        Plan = errors.Count == 0 ? plan : null;
        Errors = errors;
    }

    /// <summary>The plan, when it is valid; otherwise null.</summary>
    public TherapyPlan? Plan { get; }

    /// <summary>Every error (path and message, as for profiles); empty when the plan is valid.</summary>
    public IReadOnlyList<ProfileError> Errors { get; }

    public bool IsValid => Plan is not null;

    internal static PlanValidationResult Failed(string path, string message) => new(null, [new ProfileError(path, message)]);
}

/// <summary>A stored profile looked up by id for a plan that names one (<c>profileId</c>): the profile, or why there is none.</summary>
public delegate (StimulusProfile? Profile, string? Error) ProfileLookup(string profileId);
