using AmpsDevice.Protocol.Profiles;

namespace AmpsDevice.Protocol.Plans;

/// <summary>
/// A desensitization program for one patient (schema <c>amps.plan/1</c>, see docs/plans.md): the
/// profile it starts from, what each level means (<see cref="Ceiling"/>), the level range, how many
/// sessions a day and for how many weeks, and the rules that move the level after each session.
/// Level 1 is <see cref="Profile"/> as written; level <see cref="MaxLevel"/> reaches the ceiling;
/// the levels between are equal steps (<see cref="PlanLevels"/>). Obtain one from
/// <see cref="PlanParser"/>, which refuses a plan any of whose levels would leave the envelope.
/// </summary>
/// <param name="PatientId">Pseudonymous patient id (<see cref="Messages.PatientIds"/>).</param>
/// <param name="Name">Name shown to the therapist.</param>
/// <param name="Profile">The starting profile: level 1.</param>
/// <param name="Ceiling">What the top level reaches.</param>
/// <param name="StartLevel">Level of the first session.</param>
/// <param name="MinLevel">The level never falls below this.</param>
/// <param name="MaxLevel">The top level; it never rises above this.</param>
/// <param name="SessionsPerDay">Sessions a day (1..<see cref="MaxSessionsPerDay"/>).</param>
/// <param name="Weeks">Length of the program, weeks (1..<see cref="MaxWeeks"/>).</param>
/// <param name="Progression">When the level moves.</param>
public sealed record TherapyPlan(
    string PatientId,
    string Name,
    StimulusProfile Profile,
    LevelCeiling Ceiling,
    int StartLevel,
    int MinLevel,
    int MaxLevel,
    int SessionsPerDay,
    int Weeks,
    ProgressionRules Progression)
{
    /// <summary>The only schema this version reads and writes.</summary>
    public const string SchemaId = "amps.plan/1";

    /// <summary>Most levels a plan may have: fine enough steps for weeks of daily sessions, few enough to mean something.</summary>
    public const int MaxLevels = 20;

    /// <summary>Most sessions a day (desensitization programs run one or two a day).</summary>
    public const int MaxSessionsPerDay = 4;

    /// <summary>Longest program, weeks: programs run daily for up to eight weeks.</summary>
    public const int MaxWeeks = 8;

    /// <summary>Where the starting profile came from when the plan named a stored one (<c>profileId</c>); null when inline.</summary>
    public string? ProfileId { get; init; }

    /// <summary>Optional free text for the therapist (aims, notes).</summary>
    public string? Description { get; init; }

    /// <summary>The profile the device runs at <paramref name="level"/> (1..<see cref="MaxLevel"/>).</summary>
    public StimulusProfile ProfileAt(int level) => PlanLevels.ProfileAt(this, level);
}
