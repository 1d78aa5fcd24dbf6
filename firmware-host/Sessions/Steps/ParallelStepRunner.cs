using AmpsDevice.FirmwareHost.Control;
using AmpsDevice.Protocol.Profiles;

namespace AmpsDevice.FirmwareHost.Sessions.Steps;

/// <summary>Steps that run together on different channels; done when the longest is done.</summary>
public sealed class ParallelStepRunner(ParallelStep step, StepRunner[] children) : StepRunner(step)
{
    public IReadOnlyList<StepRunner> Children => children;

    public override void Advance(double dtS, StepInputs inputs)
    {
        var done = true;
        foreach (var child in children)
        {
            if (!child.Done)
            {
                child.Advance(dtS, inputs);
            }

            done &= child.Done;
        }

        Done = done;
        if (Done)
        {
            foreach (var child in children)
            {
                if (child.Result != "done")
                {
                    Result = child.Result;
                }
            }
        }
    }

    public override void Apply(StimulusTargets targets)
    {
        foreach (var child in children)
        {
            if (!child.Done)
            {
                child.Apply(targets);
            }
        }
    }

    public override double RemainingS(StepInputs inputs)
    {
        var max = 0.0;
        foreach (var child in children)
        {
            if (!child.Done)
            {
                max = Math.Max(max, child.RemainingS(inputs));
            }
        }

        return max;
    }
}
