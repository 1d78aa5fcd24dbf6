namespace AmpsDevice.FirmwareHost.Safety.Rules;

/// <summary>
/// A temperature reading outside -10..80 °C cannot be a pad on skin: the sensor is broken, shorted or
/// open (Klipper's min_temp/max_temp shape, applied to both sensors of every pad).
/// </summary>
public sealed class SensorPlausibilityRule() : SafetyRule("sensor-implausible", AlarmPriority.High)
{
    /// <summary>Lowest plausible temperature reading, °C: below it the sensor is broken (Klipper's min_temp).</summary>
    public const double PlausibleMinC = -10.0;

    /// <summary>Highest plausible temperature reading, °C (Klipper's max_temp).</summary>
    public const double PlausibleMaxC = 80.0;

    private string[][]? _targets;

    public override void Evaluate(SafetyContext context)
    {
        _targets ??= context.Shape.Pads.Select(p => new[] { p + ".control", p + ".safety" }).ToArray();
        var pads = context.Sensors.Pads;
        for (var i = 0; i < pads.Length; i++)
        {
            Check(context, pads[i].ControlC, i, 0);
            Check(context, pads[i].SafetyC, i, 1);
        }
    }

    private void Check(SafetyContext context, in Hardware.SensorValue value, int pad, int sensor)
    {
        var target = _targets![pad][sensor];
        if (value.Ok && !context.IsLatched(this, target) && (value.Value < PlausibleMinC ||
                         value.Value > PlausibleMaxC || double.IsNaN(value.Value)))
        {
            context.Trip(this, target,
                $"{target} sensor reads {value.Value:0.0} °C, which no pad on skin can be. " +
                "The sensor or its wiring is faulty. Check the connector before acknowledging.");
        }
    }
}
