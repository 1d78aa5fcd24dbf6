namespace AmpsDevice.Protocol.Plans;

/// <summary>
/// When a plan's level moves (docs/plans.md, "Progression"). The defaults: up one level
/// after two sessions in a row with maximum pain at or below 3 and no stop; down one level after a stop,
/// a withdrawal or a rating at or above 7.
/// </summary>
/// <param name="UpAfterSessions">Good sessions in a row that step the level up.</param>
/// <param name="UpMaxPain">A completed session whose highest rating is at or below this is good.</param>
/// <param name="DownAtPain">A rating at or above this steps the level down.</param>
/// <param name="DownOnStop">A session stopped by a person (patient stop, therapist stop, E-stop, pause timeout) steps the level down.</param>
/// <param name="DownOnWithdrawal">A limb withdrawal during the session steps the level down.</param>
public sealed record ProgressionRules(
    int UpAfterSessions = 2,
    int UpMaxPain = 3,
    int DownAtPain = 7,
    bool DownOnStop = true,
    bool DownOnWithdrawal = true)
{
    /// <summary>Most good sessions that may be required in a row.</summary>
    public const int MaxUpAfterSessions = 20;

    /// <summary>The default rules (docs/plans.md, "Progression").</summary>
    public static ProgressionRules Default { get; } = new();
}
