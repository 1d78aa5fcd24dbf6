using AmpsDevice.FirmwareHost.Control;
using AmpsDevice.Protocol.Profiles;

namespace AmpsDevice.FirmwareHost.Sessions.Steps;

/// <summary>Paced breathing: a short, gentle vibration cue at the start of each breath.</summary>
public sealed class BreathingStepRunner(BreathingStep step, int channel) : StepRunner(step)
{
    private readonly double _periodS = 60.0 / step.BreathsPerMin;
    private double _elapsedS;

    public override void Advance(double dtS, StepInputs inputs)
    {
        _elapsedS += dtS;
        Done = _elapsedS >= step.DurationS;
    }

    public override void Apply(StimulusTargets targets)
    {
        ref var t = ref targets.Vibration[channel];
        t.FrequencyHz = BreathingStep.CueFrequencyHz;
        t.Amplitude = !Done && _elapsedS % _periodS < BreathingStep.CuePulseS ? BreathingStep.CueAmplitude : 0;
    }

    public override double RemainingS(StepInputs inputs) => Math.Max(0, step.DurationS - _elapsedS);
}
