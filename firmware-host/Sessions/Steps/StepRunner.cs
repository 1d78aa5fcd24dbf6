using AmpsDevice.FirmwareHost.Control;
using AmpsDevice.FirmwareHost.Hardware;
using AmpsDevice.FirmwareHost.Safety;
using AmpsDevice.Protocol.Profiles;

namespace AmpsDevice.FirmwareHost.Sessions.Steps;

/// <summary>
/// Runs one profile step on the control thread: advances its own clock while the session runs, and
/// writes its channels' targets every tick. Built (and its channel names resolved) when the session
/// is loaded, off the control thread; allocates nothing afterwards.
/// </summary>
public abstract class StepRunner
{
    protected StepRunner(ProfileStep step) => Step = step;

    public ProfileStep Step { get; }

    public bool Done { get; protected set; }

    /// <summary>How the step ended: <c>done</c>, <c>not-reached</c> (pressure band never found), or set by the engine.</summary>
    public string Result { get; protected set; } = "done";

    /// <summary>Advances the step by <paramref name="dtS"/> of running time.</summary>
    public abstract void Advance(double dtS, StepInputs inputs);

    /// <summary>Writes this step's channel targets.</summary>
    public abstract void Apply(StimulusTargets targets);

    /// <summary>Best estimate of the running time still needed, s.</summary>
    public abstract double RemainingS(StepInputs inputs);

    /// <summary>Makes a runner for any step kind.</summary>
    public static StepRunner For(ProfileStep step, DeviceShape shape) => step switch
    {
        ThermalStep s => new ThermalStepRunner(s, IndexOf(shape.Pads, s.Pad)),
        VibrationStep s => new VibrationStepRunner(s, IndexOf(shape.Vibration, s.Channel)),
        PressureStep s => new PressureStepRunner(s, IndexOf(shape.Pressure, s.Channel)),
        RestStep s => new RestStepRunner(s),
        BreathingStep s => new BreathingStepRunner(s, IndexOf(shape.Vibration, s.Channel)),
        ParallelStep s => new ParallelStepRunner(s, s.Steps.Select(inner => For(inner, shape)).ToArray()),
        _ => throw new ArgumentException($"no runner for a {step.GetType().Name}", nameof(step)),
    };

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
            {
                return i;
            }
        }

        throw new ArgumentException($"'{name}' is not a channel of this device ({string.Join(", ", names)})", nameof(name));
    }
}

/// <summary>What a step may look at: the controllers' progress and the filtered forces.</summary>
public sealed class StepInputs
{
    public StepInputs(ControlIntent intent, double[] filteredForceN)
    {
        Intent = intent;
        FilteredForceN = filteredForceN;
    }

    public ControlIntent Intent { get; }

    public double[] FilteredForceN { get; }
}
