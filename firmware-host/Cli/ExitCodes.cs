using AmpsDevice.Protocol.CommandLine;

namespace AmpsDevice.FirmwareHost.Cli;

/// <summary>Exit codes of every verb (docs/cli.md).</summary>
public static class ExitCodes
{
    /// <summary>Done as asked (<c>simulate</c>: the session completed); also <c>--help</c> and <c>--version</c>.</summary>
    public const int Done = CliExitCodes.Done;

    /// <summary>Internal error: a bug.</summary>
    public const int InternalError = 1;

    /// <summary>Bad input: unreadable file, invalid profile or scenario, unknown verb or option; nothing was started.</summary>
    public const int BadInput = CliExitCodes.UsageError;

    /// <summary>The session ended in a safety stop and the device reached its safe state.</summary>
    public const int SafetyStop = 3;

    /// <summary>The session was stopped by a person (patient stop button, therapist stop, E-stop).</summary>
    public const int StoppedByPerson = 4;
}
