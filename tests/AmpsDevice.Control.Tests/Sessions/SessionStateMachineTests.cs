using AmpsDevice.FirmwareHost.Sessions;
using AmpsDevice.Protocol.Messages;

namespace AmpsDevice.Control.Tests.Sessions;

public class SessionStateMachineTests
{
    [Theory]
    [InlineData(SessionState.Idle, SessionTrigger.Load, true, SessionState.Running)]
    [InlineData(SessionState.Idle, SessionTrigger.Load, false, SessionState.Ready)]
    [InlineData(SessionState.Completed, SessionTrigger.Load, true, SessionState.Running)]
    [InlineData(SessionState.Ready, SessionTrigger.LocalStart, false, SessionState.Running)]
    [InlineData(SessionState.Running, SessionTrigger.Pause, false, SessionState.Paused)]
    [InlineData(SessionState.Running, SessionTrigger.PainAtThreshold, false, SessionState.Paused)]
    [InlineData(SessionState.Running, SessionTrigger.Withdrawal, false, SessionState.Paused)]
    [InlineData(SessionState.Paused, SessionTrigger.Resume, false, SessionState.Running)]
    [InlineData(SessionState.Running, SessionTrigger.Stop, false, SessionState.Stopped)]
    [InlineData(SessionState.Paused, SessionTrigger.PersonStop, false, SessionState.Stopped)]
    [InlineData(SessionState.Paused, SessionTrigger.PauseTimeout, false, SessionState.Stopped)]
    [InlineData(SessionState.Running, SessionTrigger.SafetyTrip, false, SessionState.SafetyStop)]
    [InlineData(SessionState.Ready, SessionTrigger.SafetyTrip, false, SessionState.SafetyStop)]
    [InlineData(SessionState.Running, SessionTrigger.Complete, false, SessionState.Completed)]
    public void Legal_transitions(SessionState from, SessionTrigger trigger, bool atOnce, SessionState expected)
    {
        var (next, refusal) = SessionStateMachine.Next(from, trigger, atOnce);
        Assert.Null(refusal);
        Assert.Equal(expected, next);
    }

    [Theory]
    [InlineData(SessionState.Running, SessionTrigger.Load, "already running")]
    [InlineData(SessionState.Paused, SessionTrigger.Load, "already paused")]
    [InlineData(SessionState.Idle, SessionTrigger.Pause, "no running session")]
    [InlineData(SessionState.Running, SessionTrigger.Resume, "no paused session")]
    [InlineData(SessionState.Idle, SessionTrigger.LocalStart, "nothing is waiting")]
    [InlineData(SessionState.Paused, SessionTrigger.Complete, "only a running session")]
    public void Illegal_transitions_are_refused_with_a_reason_and_change_nothing(SessionState from, SessionTrigger trigger, string reason)
    {
        var (next, refusal) = SessionStateMachine.Next(from, trigger);
        Assert.Equal(from, next);
        Assert.NotNull(refusal);
        Assert.Contains(reason, refusal);
    }

    [Theory]
    [InlineData(SessionState.Idle)]
    [InlineData(SessionState.Completed)]
    [InlineData(SessionState.SafetyStop)]
    public void Stop_is_always_accepted(SessionState from)
    {
        var (next, refusal) = SessionStateMachine.Next(from, SessionTrigger.Stop);
        Assert.Null(refusal);
        Assert.Equal(from, next);
    }
}
