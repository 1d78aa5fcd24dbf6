using AmpsDevice.FirmwareHost.Sessions.Steps;
using AmpsDevice.Protocol.Profiles;

namespace AmpsDevice.FirmwareHost.Sessions;

/// <summary>A command for the session engine, prepared off the control thread.</summary>
public abstract record SessionCommand(CommandOrigin Origin)
{
    /// <summary>A validated profile with its step runners already built.</summary>
    public sealed record Start(CommandOrigin Origin, string SessionId, string PatientId, StimulusProfile Profile, StepRunner[] Runners) : SessionCommand(Origin)
    {
        /// <summary>The treatment plan this session belongs to, if any (recorded with the session).</summary>
        public string? PlanId { get; init; }

        /// <summary>The plan's level this session runs, if any.</summary>
        public int? PlanLevel { get; init; }

        /// <summary>The stored profile's id, when the session was started with one.</summary>
        public string? ProfileId { get; init; }
    }

    public sealed record Pause(CommandOrigin Origin) : SessionCommand(Origin);

    public sealed record Resume(CommandOrigin Origin) : SessionCommand(Origin);

    public sealed record Stop(CommandOrigin Origin) : SessionCommand(Origin)
    {
        /// <summary>Why, as recorded (a therapist's stop unless the service itself is stopping).</summary>
        public string Reason { get; init; } = "stopped by therapist";
    }

    public sealed record RatePain(CommandOrigin Origin, int Value) : SessionCommand(Origin);
}
