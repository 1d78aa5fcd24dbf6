using AmpsDevice.Protocol.Profiles;

namespace AmpsDevice.Protocol.Plans;

/// <summary>A stored profile looked up by id for a plan that names one (<c>profileId</c>): the profile, or why there is none.</summary>
public delegate (StimulusProfile? Profile, string? Error) ProfileLookup(string profileId);
