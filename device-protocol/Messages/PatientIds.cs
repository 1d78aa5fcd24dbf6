namespace AmpsDevice.Protocol.Messages;

/// <summary>
/// The one rule for a patient id anywhere on the device: pseudonymous, 1-64 characters of
/// A-Z a-z 0-9 '-' '_' (a name, with its spaces, never passes).
/// </summary>
public static class PatientIds
{
    public const int MaxLength = 64;

    /// <summary>What to tell someone whose id was refused.</summary>
    public const string Rule = "a pseudonymous id of 1-64 characters A-Z a-z 0-9 - _ such as p-001 (never a name)";

    public static bool IsPseudonymous(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= MaxLength && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
