using AmpsDevice.FirmwareHost.Safety.Signals;

namespace AmpsDevice.FirmwareHost.Safety.Rules;

/// <summary>
/// A pad that warms steadily while the controller is cooling it (or cools while it is heating it): the
/// H-bridge is not doing what it is told (a heater or cooler stuck on, possibly below the runaway rate).
/// Evidence: the safety sensor's slope over 2 s against the drive written to the bridge. Passive drift
/// toward skin temperature with the drive near zero is normal and is not judged.
/// </summary>
public sealed class DriveMismatchRule : SafetyRule
{
    /// <summary>Rate that an idle or opposing pad cannot reach by itself, °C/s. An unpowered pad on skin
    /// drifts toward skin temperature at well under 0.2 °C/s.</summary>
    public const double MismatchRateCPerS = 0.6;

    /// <summary>Drive that clearly asks for the other direction, fraction of full scale.</summary>
    public const double OpposingDrive = 0.3;

    /// <summary>Window of the slope, s.</summary>
    public const double WindowS = 2.0;

    private readonly SampleWindow[] _windows;

    public DriveMismatchRule(int pads, double tickPeriodS) : base("pad-drive-mismatch", AlarmPriority.High)
    {
        _windows = Enumerable.Range(0, pads).Select(_ => new SampleWindow(WindowS, tickPeriodS, WindowStatistics.Slope)).ToArray();
    }

    public override void Evaluate(SafetyContext context)
    {
        var pads = context.Sensors.Pads;
        for (var i = 0; i < pads.Length; i++)
        {
            ref readonly var pad = ref pads[i];
            var window = _windows[i];
            ref readonly var output = ref context.LastOutputs.Pads[i];
            var powered = context.LastOutputs.MasterEnable && output.Enabled;
            var drive = powered ? output.Drive : 0;
            var sensor = pad.SafetyC.Ok ? pad.SafetyC : pad.ControlC;
            if (!sensor.Ok)
            {
                window.Clear();
                continue;
            }

            window.Add(context.TimeS, sensor.Value);
            if (window.CoveredS < WindowS * 0.9)
            {
                continue;
            }

            var rate = window.Slope();
            var heatingUnasked = rate > MismatchRateCPerS && drive <= -OpposingDrive;
            var coolingUnasked = rate < -MismatchRateCPerS && drive >= OpposingDrive;
            if ((heatingUnasked || coolingUnasked) && !context.IsLatched(this, context.Shape.Pads[i]))
            {
                context.Trip(this, context.Shape.Pads[i],
                    $"{context.Shape.Pads[i]} is {(heatingUnasked ? "warming" : "cooling")} at {Math.Abs(rate):0.00} °C/s while its drive is {drive:+0.00;-0.00;0}. " +
                    "The H-bridge is not doing what it is told (stuck on). Actuator power was cut; have the driver checked.");
                window.Clear();
            }
        }
    }

    public override void Reset()
    {
        foreach (var w in _windows)
        {
            w.Clear();
        }
    }
}
