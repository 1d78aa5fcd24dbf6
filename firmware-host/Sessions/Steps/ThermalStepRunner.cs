using AmpsDevice.FirmwareHost.Control;
using AmpsDevice.Protocol.Envelope;
using AmpsDevice.Protocol.Profiles;

namespace AmpsDevice.FirmwareHost.Sessions.Steps;

/// <summary>
/// Ramp the pad to the target at the profile's rate, hold it there for holdS (counting only time
/// actually at target, so a pause does not shorten the stimulus), then ramp back to neutral.
/// </summary>
public sealed class ThermalStepRunner(ThermalStep step, int pad) : StepRunner(step)
{
    private enum Phase { Ramp, Hold, Return }

    private Phase _phase;
    private double _heldS;

    public int Pad { get; } = pad;

    private double CurrentTargetC => _phase == Phase.Return ? AbsoluteLimits.NeutralC : step.TargetC;

    public override void Advance(double dtS, StepInputs inputs)
    {
        ref readonly var intent = ref inputs.Intent.Pads[Pad];
        var atTarget = intent.Active && intent.Holding && Math.Abs(intent.SetpointC - CurrentTargetC) < 0.01;
        switch (_phase)
        {
            case Phase.Ramp when atTarget:
                _phase = Phase.Hold;
                break;
            case Phase.Hold:
                if (atTarget)
                {
                    _heldS += dtS;
                }

                if (_heldS >= step.HoldS)
                {
                    if (step.ReturnToNeutral)
                    {
                        _phase = Phase.Return;
                    }
                    else
                    {
                        Done = true;
                    }
                }

                break;
            case Phase.Return when atTarget:
                Done = true;
                break;
        }
    }

    public override void Apply(StimulusTargets targets)
    {
        ref var t = ref targets.Pads[Pad];
        t.Active = true;
        t.TargetC = CurrentTargetC;
        t.RampCPerS = step.RampCPerS;
    }

    public override double RemainingS(StepInputs inputs)
    {
        var setpoint = inputs.Intent.Pads[Pad].SetpointC;
        var from = double.IsNaN(setpoint) ? AbsoluteLimits.NeutralC : setpoint;
        var back = step.ReturnToNeutral ? Math.Abs(step.TargetC - AbsoluteLimits.NeutralC) / step.RampCPerS : 0;
        return _phase switch
        {
            Phase.Ramp => Math.Abs(step.TargetC - from) / step.RampCPerS + step.HoldS + back,
            Phase.Hold => step.HoldS - _heldS + back,
            _ => Math.Abs(AbsoluteLimits.NeutralC - from) / step.RampCPerS,
        };
    }
}
