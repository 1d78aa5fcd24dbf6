using AmpsDevice.FirmwareHost.Control;
using AmpsDevice.Protocol.Profiles;

namespace AmpsDevice.FirmwareHost.Sessions.Steps;

/// <summary>
/// Guided pressure: shows the target band until the (filtered) force is inside it, then counts hold
/// time while it stays inside. If the band is not found within the step's timeout the step ends as
/// <c>not-reached</c>. The device never applies force itself.
/// </summary>
public sealed class PressureStepRunner(PressureStep step, int channel) : StepRunner(step)
{
    private double _searchingS;
    private double _heldS;
    private bool _reached;

    public override void Advance(double dtS, StepInputs inputs)
    {
        var inBand = Math.Abs(inputs.FilteredForceN[channel] - step.TargetN) <= step.ToleranceN;
        if (inBand)
        {
            _reached = true;
            _heldS += dtS;
            Done = _heldS >= step.HoldS;
        }
        else if (!_reached)
        {
            _searchingS += dtS;
            if (_searchingS >= step.TimeoutS)
            {
                Result = "not-reached";
                Done = true;
            }
        }
    }

    public override void Apply(StimulusTargets targets)
    {
        ref var t = ref targets.Pressure[channel];
        t.Guided = !Done;
        t.TargetN = step.TargetN;
        t.ToleranceN = step.ToleranceN;
    }

    public override double RemainingS(StepInputs inputs) => Math.Max(0, step.HoldS - _heldS);
}
