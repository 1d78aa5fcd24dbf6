using AmpsDevice.FirmwareHost.Hardware;
using AmpsDevice.FirmwareHost.Safety.Rules;

namespace AmpsDevice.FirmwareHost.Safety;

/// <summary>
/// Owns the final say on every output. Runs in the control tick after the sensors are read and before
/// anything is written: evaluates every rule, latches what trips, and gates the outputs so the tick that
/// holds the evidence is the tick that writes the safe state. A rule that throws counts as a trip.
/// Latched alarms stay until a person acknowledges them (and the cause is gone).
/// </summary>
public sealed class SafetySupervisor
{
    private readonly SafetyRule[] _rules;
    private readonly StopInputRule[] _stopInputs;
    private readonly TimeProvider _time;

    public SafetySupervisor(IEnumerable<SafetyRule> rules, AlarmBook alarms, TimeProvider time)
    {
        _rules = rules.ToArray();
        _stopInputs = _rules.OfType<StopInputRule>().ToArray();
        Alarms = alarms;
        _time = time;
    }

    public AlarmBook Alarms { get; }

    public IReadOnlyList<SafetyRule> Rules => _rules;

    /// <summary>The outputs are held safe: an alarm is latched, a stop input is active, or something tripped this tick.</summary>
    public bool HoldSafe { get; private set; }

    /// <summary>An acknowledgement was carried out in the last evaluation.</summary>
    public bool AcknowledgedThisTick { get; private set; }

    /// <summary>A stop input (E-stop, patient stop) is active now, so an acknowledgement would not hold.</summary>
    public bool StopInputActive
    {
        get
        {
            foreach (var r in _stopInputs)
            {
                if (r.IsActive)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>The standard rule set for a device of this shape, every hazard of docs/safety.md.</summary>
    public static IEnumerable<SafetyRule> StandardRules(DeviceShape shape, double tickPeriodS, double motorFullScaleCurrentA)
    {
        var pads = shape.Pads.Count;
        yield return StopInputRule.EStop();
        yield return StopInputRule.PatientStop();
        yield return new LoopHealthRule();
        yield return new ContactorMonitorRule();
        yield return new SensorLostRule(shape);
        yield return new SensorPlausibilityRule();
        yield return new PadOverTemperatureRule();
        yield return new PadUnderTemperatureRule();
        yield return new ThermalRunawayRule(pads, tickPeriodS);
        yield return new DriveMismatchRule(pads, tickPeriodS);
        yield return new SensorDisagreementRule(pads);
        yield return new HeatingCheckRule(pads);
        yield return new HoldErrorRule(pads);
        yield return ExposureTimeRule.Cold(pads);
        yield return ExposureTimeRule.Warm(pads);
        yield return new MotorStuckOnRule(shape.Vibration, motorFullScaleCurrentA);
        yield return new VibrationBoutRule(shape.Vibration);
        yield return new VibrationDoseRule(shape.Vibration);
        yield return new PressureOverloadRule(shape.Pressure);
        yield return new LimbWithdrawalRule(shape.Pressure, tickPeriodS);
    }

    /// <summary>Evaluates every rule against this tick's evidence. Returns whether the outputs must be safe.</summary>
    public bool Evaluate(SafetyContext context)
    {
        AcknowledgedThisTick = false;
        if (Alarms.TakeAcknowledgeRequest() && !StopInputActive)
        {
            Alarms.Clear();
            foreach (var rule in _rules)
            {
                rule.Reset();
            }

            AcknowledgedThisTick = true;
        }

        context.BeginTick();
        foreach (var rule in _rules)
        {
            try
            {
                rule.Evaluate(context);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A rule that cannot decide has not cleared the outputs: fail safe.
                if (!context.IsLatched(rule, "rule-error"))
                {
                    context.Trip(rule, "rule-error", $"The safety rule {rule.Name} failed ({ex.GetType().Name}: {ex.Message}). Outputs were made safe; report this.");
                }
            }
        }

        var trips = context.Trips;
        var now = trips.Count > 0 ? _time.GetUtcNow() : default;
        for (var i = 0; i < trips.Count; i++)
        {
            if (trips[i].Latches)
            {
                Alarms.Latch(trips[i], now);
            }
        }

        HoldSafe = Alarms.AnyLatched || context.HoldSafeRequested || trips.Count > 0;
        return HoldSafe;
    }

    /// <summary>The last word on the outputs: safe when <see cref="HoldSafe"/>.</summary>
    public void Gate(ActuatorFrame outputs)
    {
        if (HoldSafe)
        {
            outputs.SetSafe();
        }
    }
}
