using AmpsDevice.Protocol.Messages;
using AmpsDevice.Protocol.Plans;

namespace AmpsDevice.FirmwareHost.Sessions.Plans;

/// <summary>
/// Folds one session's events into what the progression rules need (<see cref="PlanSession"/>): the
/// highest pain rating, whether the patient withdrew, and how and why it ended. A session that never
/// started running (refused, or stopped while waiting for the start button) gives nothing: it exposed
/// the patient to nothing.
/// </summary>
public sealed class PlanSessionTally(string sessionId, int level)
{
    private int? _maxPain;
    private bool _withdrew;
    private bool _ran;
    private string? _personStop;

    public string SessionId { get; } = sessionId;

    public int Level { get; } = level;

    /// <summary>The session once it has ended and had run; null until then.</summary>
    public PlanSession? Ended { get; private set; }

    /// <summary>Takes one event of this session (events of other sessions are ignored).</summary>
    public void Add(SessionEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Session.SessionId != SessionId || Ended is not null)
        {
            return;
        }

        switch (e.Kind)
        {
            case EventKind.SessionStarted:
                _ran = true;
                break;
            case EventKind.PainRating when e.Value is { } v:
                _maxPain = Math.Max(_maxPain ?? 0, (int)v);
                break;
            case EventKind.Withdrawal:
                _withdrew = true;
                break;
            case EventKind.PatientStop:
                _personStop = "patient stop button";
                break;
            case EventKind.EStop:
                _personStop = "E-stop";
                break;
            case EventKind.SessionCompleted when _ran:
                Ended = End(e, PlanSessionEnd.Completed, null);
                break;
            case EventKind.SessionStopped when _ran:
                Ended = End(e, PlanSessionEnd.Stopped, _personStop ?? e.Message ?? e.Session.Reason);
                break;
            case EventKind.SafetyStop when _ran:
                Ended = End(e, PlanSessionEnd.SafetyStop, e.Message ?? e.Session.Reason);
                break;
        }
    }

    private PlanSession End(SessionEvent e, PlanSessionEnd end, string? reason) =>
        new(SessionId, e.At, Level, end, _maxPain, _withdrew, reason);
}
