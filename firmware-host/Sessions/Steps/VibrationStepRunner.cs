using AmpsDevice.FirmwareHost.Control;
using AmpsDevice.Protocol.Profiles;

namespace AmpsDevice.FirmwareHost.Sessions.Steps;

/// <summary>Vibration at the profile's frequency and amplitude, continuous or pulsed (onS on, offS off).</summary>
public sealed class VibrationStepRunner(VibrationStep step, int channel) : StepRunner(step)
{
    private double _elapsedS;

    public override void Advance(double dtS, StepInputs inputs)
    {
        _elapsedS += dtS;
        Done = _elapsedS >= step.DurationS;
    }

    public override void Apply(StimulusTargets targets)
    {
        var on = step.Pattern == VibrationPattern.Continuous || IsPulseOn(_elapsedS, step.OnS ?? step.DurationS, step.OffS ?? 0);
        ref var t = ref targets.Vibration[channel];
        t.FrequencyHz = step.FrequencyHz;
        t.Amplitude = on && !Done ? step.Amplitude : 0;
    }

    /// <summary>Whether a pulsed pattern is in its on part at time <paramref name="t"/>.</summary>
    public static bool IsPulseOn(double t, double onS, double offS) => onS + offS <= 0 || t % (onS + offS) < onS;

    public override double RemainingS(StepInputs inputs) => Math.Max(0, step.DurationS - _elapsedS);
}
