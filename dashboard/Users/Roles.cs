namespace AmpsDevice.Dashboard.Users;

/// <summary>A therapist may command devices; an observer may only watch.</summary>
public static class Roles
{
    public const string Therapist = "therapist";
    public const string Observer = "observer";

    /// <summary>The authorization policy of every command endpoint and of the audit.</summary>
    public const string TherapistPolicy = "therapist";

    public static bool IsKnown(string? role) => role is Therapist or Observer;
}
