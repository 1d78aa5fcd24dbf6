namespace AmpsDevice.FirmwareHost.Cli;

/// <summary>Exit codes of every verb (CONTRACTS.md §1).</summary>
public static class ExitCodes
{
    public const int Done = 0;
    public const int InternalError = 1;
    public const int BadInput = 2;
    public const int SafetyStop = 3;
    public const int StoppedByPerson = 4;
}
