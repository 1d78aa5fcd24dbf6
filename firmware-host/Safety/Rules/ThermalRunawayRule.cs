using AmpsDevice.FirmwareHost.Safety.Signals;

namespace AmpsDevice.FirmwareHost.Safety.Rules;

/// <summary>
/// A pad whose temperature changes faster than 4 °C/s, up or down: faster than any commanded ramp
/// (at most 2 °C/s) can explain. This is what a heater or cooler stuck on looks like, and it is caught
/// within a fraction of a second, long before the surface reaches the over-temperature trip.
/// The rate is the least-squares slope over 0.5 s, so sensor noise does not fake it.
/// </summary>
public sealed class ThermalRunawayRule : SafetyRule
{
    /// <summary>Temperature change no commanded ramp can explain, °C/s (twice the fastest ramp a profile may ask).</summary>
    public const double MaxRateCPerS = 4.0;

    /// <summary>Window of the slope estimate, s.</summary>
    public const double WindowS = 0.5;

    /// <summary>History needed before the slope is trusted, s.</summary>
    public const double MinCoverageS = 0.2;

    private readonly SampleWindow[] _control;
    private readonly SampleWindow[] _safety;

    public ThermalRunawayRule(int pads, double tickPeriodS) : base("thermal-runaway", AlarmPriority.High)
    {
        _control = Enumerable.Range(0, pads).Select(_ => new SampleWindow(WindowS, tickPeriodS, WindowStatistics.Slope)).ToArray();
        _safety = Enumerable.Range(0, pads).Select(_ => new SampleWindow(WindowS, tickPeriodS, WindowStatistics.Slope)).ToArray();
    }

    public override void Evaluate(SafetyContext context)
    {
        var pads = context.Sensors.Pads;
        for (var i = 0; i < pads.Length; i++)
        {
            var c = Rate(_control[i], pads[i].ControlC, context.TimeS);
            var s = Rate(_safety[i], pads[i].SafetyC, context.TimeS);
            var rate = Math.Abs(c) >= Math.Abs(s) ? c : s;
            if (Math.Abs(rate) > MaxRateCPerS && !context.IsLatched(this, context.Shape.Pads[i]))
            {
                var what = rate > 0 ? "heating" : "cooling";
                context.Trip(this, context.Shape.Pads[i],
                    $"{context.Shape.Pads[i]} is {what} at {Math.Abs(rate):0.0} °C/s, faster than any stimulus asks " +
                    $"(limit {MaxRateCPerS:0} °C/s). The Peltier driver may be stuck on; actuator power was cut. " +
                    "Do not reuse the pad until the driver is checked.");
            }
        }
    }

    private static double Rate(SampleWindow window, in Hardware.SensorValue value, double timeS)
    {
        if (!value.Ok)
        {
            window.Clear();
            return 0;
        }

        window.Add(timeS, value.Value);
        return window.CoveredS >= MinCoverageS ? window.Slope() : 0;
    }

    public override void Reset()
    {
        foreach (var w in _control)
        {
            w.Clear();
        }

        foreach (var w in _safety)
        {
            w.Clear();
        }
    }
}
