using System.Collections.Concurrent;
using AmpsDevice.FirmwareHost.Control;
using AmpsDevice.FirmwareHost.Safety;
using AmpsDevice.FirmwareHost.Sessions.Steps;
using AmpsDevice.Protocol.Envelope;
using AmpsDevice.Protocol.Messages;
using AmpsDevice.Protocol.Profiles;

namespace AmpsDevice.FirmwareHost.Sessions;

/// <summary>
/// The session, run on the control thread: takes commands queued from any thread, reacts to this tick's
/// safety trips in the same tick, advances the profile's steps, and sets the channel targets. Events go
/// to the observers (records, MQTT, reports) as they happen.
/// </summary>
public sealed class SessionEngine : IStimulusSource
{
    private readonly ConcurrentQueue<PostedCommand> _commands = new();
    private readonly List<ISessionObserver> _observers;
    private readonly TimeProvider _time;
    private readonly SessionOptions _options;
    private readonly PadTarget[] _lingering;
    private StepInputs? _inputs;
    private LoadedSession? _session;
    private volatile SessionState _state = SessionState.Idle;
    private string? _reason;
    private double _elapsedS;
    private double _pausedS;
    private bool _startWasPressed;
    private double _nowS;

    public SessionEngine(int pads, IEnumerable<ISessionObserver> observers, TimeProvider time, SessionOptions options)
    {
        _observers = observers.ToList();
        _time = time;
        _options = options;
        _lingering = new PadTarget[pads];
    }

    /// <summary>Adds an observer; call before the control loop starts.</summary>
    public void AddObserver(ISessionObserver observer) => _observers.Add(observer);

    /// <summary>The state, readable from any thread.</summary>
    public SessionState State => _state;

    /// <summary>Running time so far (pauses excluded), s. Written by the control thread only.</summary>
    public double ElapsedS => Volatile.Read(ref _elapsedS);

    /// <summary>Estimated running time left, s.</summary>
    public double TimeLeftS { get; private set; }

    /// <summary>Index of the current step (-1 before the first).</summary>
    public int StepIndex => _session?.StepIndex ?? -1;

    /// <summary>The loaded session's profile, if any.</summary>
    public StimulusProfile? Profile => _session?.Profile;

    /// <summary>The loaded session's plan and level, if it was started from a plan.</summary>
    public (string? Id, int? Level) Plan => (_session?.PlanId, _session?.PlanLevel);

    /// <summary>The current session's id, if any.</summary>
    public string? SessionId => _session?.Id;

    /// <summary>The highest pain rating of the current (or last) session.</summary>
    public int MaxPain => _session?.MaxPain ?? 0;

    /// <summary>Queues a command for the next tick; the task completes after that tick handled it.</summary>
    public Task<CommandResult> Post(SessionCommand command) => PostWithdrawable(command).Result;

    /// <summary>Queues a command for the next tick; until that tick takes it, the sender may withdraw it.</summary>
    public PostedCommand PostWithdrawable(SessionCommand command)
    {
        var posted = new PostedCommand(command);
        _commands.Enqueue(posted);
        return posted;
    }

    public SessionSnapshot Snapshot() => new(
        _state, _session?.Id, _session?.PatientId, _session?.Profile.Name,
        _session?.StepIndex ?? -1, _session?.Profile.Steps.Count ?? 0, _elapsedS, TimeLeftS, _reason,
        _session?.ProfileId, _session?.Profile, _session?.Current is null ? null : _session.StepStartedAtS);

    public void Update(SafetyContext safety, SafetySupervisor supervisor, ReadOnlySpan<double> filteredForceN, StimulusTargets targets)
    {
        _nowS = safety.TimeS;
        _inputs ??= new StepInputs(safety.Intent, new double[filteredForceN.Length]);
        filteredForceN.CopyTo(_inputs.FilteredForceN);

        while (_commands.TryDequeue(out var posted))
        {
            if (posted.TryTake())
            {
                posted.Complete(Handle(posted.Command, supervisor));
            }
        }

        if (supervisor.AcknowledgedThisTick)
        {
            Emit(EventKind.AlarmAcknowledged, e => e with { Message = "Latched alarms acknowledged" });
        }

        HandleTrips(safety);

        var startPressed = safety.Sensors.StartButtonPressed;
        if (startPressed && !_startWasPressed && _state == SessionState.Ready)
        {
            if (supervisor.HoldSafe)
            {
                Emit(EventKind.CommandRefused, e => e with { Message = "start refused: an alarm is latched or a stop is active", Origin = CommandOrigin.Local });
            }
            else
            {
                Transition(SessionTrigger.LocalStart, "local start button");
            }
        }

        _startWasPressed = startPressed;
        Advance(safety.TickPeriodS);
        SetTargets(targets);
    }

    private void HandleTrips(SafetyContext safety)
    {
        var trips = safety.Trips;
        for (var i = 0; i < trips.Count; i++)
        {
            var trip = trips[i];
            switch (trip.Kind)
            {
                case TripKind.Fault:
                    Emit(EventKind.SafetyTrip, e => e with { Rule = trip.Rule, Target = trip.Target, Message = trip.Message, SafeAtS = trip.DetectedAtS });
                    Transition(SessionTrigger.SafetyTrip, trip.Rule);
                    break;
                case TripKind.PersonStop:
                    Emit(trip.Rule == "estop" ? EventKind.EStop : EventKind.PatientStop,
                        e => e with { Rule = trip.Rule, Message = trip.Message, SafeAtS = trip.DetectedAtS });
                    Transition(SessionTrigger.PersonStop, trip.Rule);
                    break;
                case TripKind.PatientResponse:
                    Emit(EventKind.Withdrawal, e => e with { Rule = trip.Rule, Target = trip.Target, Message = trip.Message, SafeAtS = trip.DetectedAtS });
                    Transition(SessionTrigger.Withdrawal, "limb withdrawal");
                    break;
            }
        }
    }

    private CommandResult Handle(SessionCommand command, SafetySupervisor supervisor)
    {
        switch (command)
        {
            case SessionCommand.Start start:
                if (supervisor.Alarms.AnyLatched)
                {
                    return CommandResult.Refused($"an alarm is latched ({supervisor.Alarms.Active[0].Rule}: {supervisor.Alarms.Active[0].Target}); acknowledge it first");
                }

                if (supervisor.StopInputActive)
                {
                    return CommandResult.Refused("a stop input (E-stop or patient stop) is active");
                }

                if (!_state.IsFinished())
                {
                    return CommandResult.Refused($"a session is already {_state.ToWire()}; stop it first");
                }

                Load(start);
                return CommandResult.Success(_session!.Id, _state.ToWire());
            case SessionCommand.Pause:
                if (_state is not (SessionState.Running or SessionState.Paused))
                {
                    return CommandResult.Success(state: _state.ToWire()); // always accepted: nothing to pause
                }

                Transition(SessionTrigger.Pause, "paused by therapist", command.Origin);
                return CommandResult.Success(_session?.Id, _state.ToWire());
            case SessionCommand.Resume:
                if (supervisor.HoldSafe)
                {
                    return CommandResult.Refused("cannot resume while an alarm is latched or a stop is active");
                }

                var (next, refusal) = SessionStateMachine.Next(_state, SessionTrigger.Resume);
                if (refusal is not null)
                {
                    return CommandResult.Refused(refusal);
                }

                Transition(SessionTrigger.Resume, "resumed by therapist", command.Origin);
                return CommandResult.Success(_session?.Id, next.ToWire());
            case SessionCommand.Stop stop:
                Transition(SessionTrigger.Stop, stop.Reason, command.Origin);
                return CommandResult.Success(_session?.Id, _state.ToWire());
            case SessionCommand.RatePain rate:
                if (_session is null || _state.IsFinished() || _state == SessionState.Ready)
                {
                    return CommandResult.Refused("no session is running to rate");
                }

                _session.MaxPain = Math.Max(_session.MaxPain, rate.Value);
                Emit(EventKind.PainRating, e => e with { Value = rate.Value, Origin = command.Origin });
                if (rate.Value >= _session.Profile.PainStopAt && _state == SessionState.Running)
                {
                    Transition(SessionTrigger.PainAtThreshold, $"pain {rate.Value} at or above {_session.Profile.PainStopAt}", command.Origin);
                }

                return CommandResult.Success(_session.Id, _state.ToWire());
            default:
                return CommandResult.Refused("unknown command");
        }
    }

    private void Load(SessionCommand.Start start)
    {
        _session = new LoadedSession(start.SessionId, start.PatientId, start.Profile, start.Runners)
        {
            PlanId = start.PlanId, PlanLevel = start.PlanLevel, ProfileId = start.ProfileId,
        };
        Array.Clear(_lingering);
        _elapsedS = 0;
        _pausedS = 0;
        // The whole plan is left, also while it waits ready for the local start (not the last session's remainder).
        var left = 0.0;
        foreach (var nominal in _session.Nominal)
        {
            left += nominal;
        }

        TimeLeftS = left;
        var atOnce = start.Origin != CommandOrigin.Remote || _options.AllowRemoteStart;
        var (next, _) = SessionStateMachine.Next(_state, SessionTrigger.Load, atOnce);
        SetState(next, atOnce ? "started" : "waiting for the local start button");
        Emit(atOnce ? EventKind.SessionStarted : EventKind.SessionReady, e => e with { Origin = start.Origin, Message = start.Profile.Name });
    }

    private void Transition(SessionTrigger trigger, string reason, CommandOrigin? origin = null)
    {
        var before = _state;
        var (next, refusal) = SessionStateMachine.Next(before, trigger);
        if (refusal is not null || next == before)
        {
            return;
        }

        if (before == SessionState.Ready && next == SessionState.Running)
        {
            SetState(next, reason);
            Emit(EventKind.SessionStarted, e => e with { Origin = CommandOrigin.Local, Message = reason });
            return;
        }

        if (next.IsFinished())
        {
            EndCurrentStep(next == SessionState.Completed ? "done" : "interrupted");
        }

        SetState(next, reason);
        var kind = next switch
        {
            SessionState.Paused => EventKind.SessionPaused,
            SessionState.Running => EventKind.SessionResumed,
            SessionState.Completed => EventKind.SessionCompleted,
            SessionState.Stopped => EventKind.SessionStopped,
            SessionState.SafetyStop => EventKind.SafetyStop,
            _ => EventKind.SessionStopped,
        };
        if (next == SessionState.Paused)
        {
            _pausedS = 0;
        }

        Emit(kind, e => e with { Message = reason, Origin = origin });
    }

    private void Advance(double dtS)
    {
        if (_session is null)
        {
            return;
        }

        if (_state == SessionState.Paused)
        {
            _pausedS += dtS;
            if (_pausedS >= _options.PauseTimeoutS)
            {
                Transition(SessionTrigger.PauseTimeout, $"paused for more than {_options.PauseTimeoutS:0} s");
            }

            return;
        }

        if (_state != SessionState.Running)
        {
            return;
        }

        Volatile.Write(ref _elapsedS, _elapsedS + dtS);
        var s = _session;
        if (s.Current is null)
        {
            StartStep(0);
        }

        s.Current!.Advance(dtS, _inputs!);
        while (s.Current is { Done: true })
        {
            EndCurrentStep(s.Current.Result);
            if (s.StepIndex + 1 >= s.Runners.Length)
            {
                s.Current = null;
                s.StepIndex = s.Runners.Length;
                Transition(SessionTrigger.Complete, "all steps done");
                return;
            }

            StartStep(s.StepIndex + 1);
        }

        var left = s.Current?.RemainingS(_inputs!) ?? 0;
        for (var i = s.StepIndex + 1; i < s.Runners.Length; i++)
        {
            left += s.Nominal[i];
        }

        TimeLeftS = left;
    }

    private void StartStep(int index)
    {
        var s = _session!;
        s.StepIndex = index;
        s.StepStartedAtS = _elapsedS;
        s.Current = s.Runners[index];
        Emit(EventKind.StepStarted, e => e with { StepIndex = index, Message = s.Current.Step.Label ?? s.Current.Step.KindName });
    }

    private void EndCurrentStep(string result)
    {
        var s = _session;
        if (s?.Current is null)
        {
            return;
        }

        RememberLingeringPads(s.Current);
        var index = s.StepIndex;
        var final = s.Current.Done ? s.Current.Result : result;
        s.Current = null;
        Emit(EventKind.StepEnded, e => e with { StepIndex = index, Result = final });
    }

    private void RememberLingeringPads(StepRunner runner)
    {
        if (runner is ParallelStepRunner parallel)
        {
            foreach (var child in parallel.Children)
            {
                RememberLingeringPads(child);
            }
        }
        else if (runner is ThermalStepRunner thermal && runner.Step is ThermalStep { ReturnToNeutral: false } step && runner.Done)
        {
            _lingering[thermal.Pad] = new PadTarget { Active = true, TargetC = step.TargetC, RampCPerS = step.RampCPerS };
        }
    }

    private void SetTargets(StimulusTargets targets)
    {
        targets.Clear();
        switch (_state)
        {
            case SessionState.Running:
                targets.PowerOn = true;
                for (var i = 0; i < _lingering.Length; i++)
                {
                    targets.Pads[i] = _lingering[i];
                }

                _session?.Current?.Apply(targets);
                break;
            case SessionState.Paused:
                // Vibration and pressure guidance off; every pad that was in use goes back to neutral gently.
                var rate = _options.PauseReturnRateCPerS;
                var anyPad = false;
                var intent = _inputs!.Intent;
                for (var i = 0; i < targets.Pads.Length; i++)
                {
                    if (intent.Pads[i].Active || _lingering[i].Active)
                    {
                        targets.Pads[i] = new PadTarget { Active = true, TargetC = AbsoluteLimits.NeutralC, RampCPerS = rate };
                        anyPad = true;
                    }
                }

                targets.PowerOn = anyPad;
                break;
        }
    }

    private void SetState(SessionState state, string reason)
    {
        _state = state;
        _reason = reason;
    }

    private void Emit(EventKind kind, Func<SessionEvent, SessionEvent> fill)
    {
        var e = fill(new SessionEvent(kind, _nowS, _time.GetUtcNow(), Snapshot()) { StepIndex = _session?.StepIndex });
        foreach (var observer in _observers)
        {
            observer.OnSessionEvent(e);
        }
    }


    private sealed class LoadedSession(string id, string patientId, StimulusProfile profile, StepRunner[] runners)
    {
        public string Id { get; } = id;
        public string PatientId { get; } = patientId;
        public string? PlanId { get; init; }
        public int? PlanLevel { get; init; }
        public string? ProfileId { get; init; }
        public StimulusProfile Profile { get; } = profile;
        public StepRunner[] Runners { get; } = runners;
        public double[] Nominal { get; } = profile.Steps.Select(s => s.NominalDurationS()).ToArray();
        public int StepIndex { get; set; } = -1;
        public StepRunner? Current { get; set; }
        public double StepStartedAtS { get; set; }
        public int MaxPain { get; set; }
    }
}

/// <summary>
/// A command on its way to the control thread. Exactly one of two things happens to it: the loop takes it (and
/// <see cref="Result"/> says what came of it), or its sender withdraws it first (and it never runs). So a start
/// that was answered "not taken in time" can never begin a stimulus later.
/// </summary>
public sealed class PostedCommand
{
    private const int Pending = 0;
    private const int Taken = 1;
    private const int Withdrawn = 2;

    private readonly TaskCompletionSource<CommandResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _state;

    internal PostedCommand(SessionCommand command) => Command = command;

    public SessionCommand Command { get; }

    /// <summary>Completes once the loop has handled the command, or at once when it was withdrawn.</summary>
    public Task<CommandResult> Result => _completion.Task;

    /// <summary>Withdraws the command unless the loop has taken it already; true when it will never run.</summary>
    public bool TryWithdraw()
    {
        if (Interlocked.CompareExchange(ref _state, Withdrawn, Pending) != Pending)
        {
            return false;
        }

        _completion.TrySetResult(CommandResult.Refused("withdrawn before the control loop took it"));
        return true;
    }

    internal bool TryTake() => Interlocked.CompareExchange(ref _state, Taken, Pending) == Pending;

    internal void Complete(CommandResult result) => _completion.TrySetResult(result);
}
