using AmpsDevice.FirmwareHost.Control;
using AmpsDevice.Protocol.Profiles;

namespace AmpsDevice.FirmwareHost.Sessions.Steps;

/// <summary>Nothing for durationS.</summary>
public sealed class RestStepRunner(RestStep step) : StepRunner(step)
{
    private double _elapsedS;

    public override void Advance(double dtS, StepInputs inputs)
    {
        _elapsedS += dtS;
        Done = _elapsedS >= step.DurationS;
    }

    public override void Apply(StimulusTargets targets)
    {
    }

    public override double RemainingS(StepInputs inputs) => Math.Max(0, step.DurationS - _elapsedS);
}
