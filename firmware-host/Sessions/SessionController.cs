using System.Text.Json;
using AmpsDevice.FirmwareHost.Hardware;
using AmpsDevice.FirmwareHost.Safety;
using AmpsDevice.FirmwareHost.Sessions.Plans;
using AmpsDevice.FirmwareHost.Sessions.Steps;
using AmpsDevice.Protocol.Messages;
using AmpsDevice.Protocol.Profiles;

namespace AmpsDevice.FirmwareHost.Sessions;

/// <summary>
/// The one command surface (local buttons, MQTT, scenarios): checks and prepares each command on the
/// caller's thread (parsing and validating a profile, building its step runners), then hands it to the
/// session engine, which carries it out at the next control tick. Stop and pause are always accepted.
/// A start with a patient id and no profile runs the current level of the patient's plan
/// (<see cref="PlanStore"/>), and the plan's progression is applied when that session ends.
/// </summary>
public sealed class SessionController : IDeviceCommands
{
    /// <summary>How long a caller waits for the control loop to take the command.</summary>
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(2);

    private readonly SessionEngine _engine;
    private readonly SafetySupervisor _supervisor;
    private readonly DeviceShape _shape;
    private readonly ProfileEnvelope _envelope;
    private readonly ProfileStore? _profiles;
    private readonly Func<string> _newSessionId;
    private readonly PlanStore? _plans;
    private readonly PlanProgression? _progression;

    public SessionController(SessionEngine engine, SafetySupervisor supervisor, DeviceShape shape, ProfileEnvelope envelope,
        ProfileStore? profiles, Func<string>? newSessionId = null, PlanStore? plans = null, PlanProgression? progression = null)
    {
        _plans = plans;
        _progression = progression;
        _engine = engine;
        _supervisor = supervisor;
        _shape = shape;
        _envelope = envelope;
        _profiles = profiles;
        _newSessionId = newSessionId ?? (() => "s-" + Guid.NewGuid().ToString("N")[..12]);
    }

    /// <summary>Checks and prepares a start without touching the engine (used by the command and by <c>simulate</c>).</summary>
    public (SessionCommand.Start? Command, string? Error) PrepareStart(StartSessionRequest request, CommandOrigin origin)
    {
        if (!PatientIds.IsPseudonymous(request.PatientId))
        {
            return (null, "patientId: must be " + PatientIds.Rule);
        }

        StimulusProfile? profile;
        int? planLevel = null;
        string? planName = null;
        if (request.Profile is { } json)
        {
            if (request.ProfileId is not null)
            {
                return (null, "give either profile or profileId, not both");
            }

            var result = ProfileParser.Parse(json, _envelope);
            if (!result.IsValid)
            {
                return (null, "profile is invalid: " + string.Join("; ", result.Errors.Select(e => "profile." + e)));
            }

            profile = result.Value;
        }
        else if (request.ProfileId is { } id)
        {
            if (_profiles is null)
            {
                return (null, "profileId: this device keeps no stored profiles");
            }

            var (stored, error) = _profiles.Load(id, _envelope);
            if (stored is null)
            {
                return (null, error);
            }

            profile = stored;
        }
        else if (_plans is null)
        {
            return (null, "profile or profileId is required (this device keeps no plans)");
        }
        else
        {
            var (record, error) = _plans.Load(request.PatientId);
            if (record is null)
            {
                return (null, $"{error}; give a profile or profileId, or import a plan for this patient");
            }

            planLevel = record.Level;
            planName = record.Plan.Name;
            profile = record.Plan.ProfileAt(record.Level);
        }

        var runners = profile!.Steps.Select(s => StepRunner.For(s, _shape)).ToArray();
        return (new SessionCommand.Start(origin, _newSessionId(), request.PatientId, profile, runners) { PlanId = planName, PlanLevel = planLevel, ProfileId = request.ProfileId }, null);
    }

    public async ValueTask<CommandResult> StartSessionAsync(StartSessionRequest request, CommandOrigin origin, CancellationToken cancellationToken)
    {
        if (_supervisor.Alarms.AnyLatched)
        {
            var first = _supervisor.Alarms.Active[0];
            return CommandResult.Refused($"an alarm is latched ({first.Rule}{(first.Target.Length > 0 ? " " + first.Target : "")}); acknowledge it first");
        }

        var (command, error) = PrepareStart(request, origin);
        if (command is null)
        {
            return CommandResult.Refused(error!);
        }

        if (command.PlanLevel is { } level && _progression is not null)
        {
            _progression.Expect(command.SessionId, command.PatientId, level); // before the engine can emit its first event
        }

        var result = await Send(command, cancellationToken).ConfigureAwait(false);
        if (!result.Ok && command.PlanLevel is not null)
        {
            _progression?.Forget(command.SessionId);
        }

        return result;
    }

    public ValueTask<CommandResult> PauseAsync(CommandOrigin origin, CancellationToken cancellationToken) =>
        Send(new SessionCommand.Pause(origin), cancellationToken);

    public ValueTask<CommandResult> ResumeAsync(CommandOrigin origin, CancellationToken cancellationToken) =>
        Send(new SessionCommand.Resume(origin), cancellationToken);

    public ValueTask<CommandResult> StopAsync(CommandOrigin origin, CancellationToken cancellationToken) =>
        Send(new SessionCommand.Stop(origin), cancellationToken);

    public ValueTask<CommandResult> AcknowledgeAlarmsAsync(CommandOrigin origin, CancellationToken cancellationToken)
    {
        if (_supervisor.StopInputActive)
        {
            return ValueTask.FromResult(CommandResult.Refused("a stop input (E-stop or patient stop) is still active; release it first"));
        }

        _supervisor.Alarms.RequestAcknowledge();
        return ValueTask.FromResult(CommandResult.Success(state: _engine.State.ToWire()));
    }

    public ValueTask<CommandResult> RatePainAsync(int value, CommandOrigin origin, CancellationToken cancellationToken)
    {
        if (value is < 0 or > Protocol.Envelope.AbsoluteLimits.PainScaleMax)
        {
            return ValueTask.FromResult(CommandResult.Refused($"value: {value} is outside the 0-10 pain scale"));
        }

        return Send(new SessionCommand.RatePain(origin, value), cancellationToken);
    }

    private async ValueTask<CommandResult> Send(SessionCommand command, CancellationToken cancellationToken)
    {
        var posted = _engine.PostWithdrawable(command);
        try
        {
            return await posted.Result.WaitAsync(CommandTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            // A start or resume that the caller was told did not happen must never begin a stimulus later. Stop,
            // pause, ratings and acknowledgements are as right late as on time: they stay queued.
            if (command is SessionCommand.Start or SessionCommand.Resume)
            {
                if (posted.TryWithdraw())
                {
                    return CommandResult.Refused("the control loop did not take the command in time; it was withdrawn and will not run");
                }

                // The loop took it at this very moment: its answer is a tick away.
                return await posted.Result.ConfigureAwait(false);
            }

            if (ex is OperationCanceledException)
            {
                throw;
            }

            return CommandResult.Refused("the control loop did not take the command in time; it stays queued and runs when the loop takes it");
        }
    }
}
