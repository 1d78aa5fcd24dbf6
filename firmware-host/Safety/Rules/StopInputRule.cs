namespace AmpsDevice.FirmwareHost.Safety.Rules;

/// <summary>
/// A person's stop: the E-stop (which also cuts actuator power in hardware) or the patient's hand-held
/// stop button. Both inputs fail active (a broken wire reads as pressed). The press is reported once;
/// while the input stays active the outputs are held safe. The E-stop latches an alarm that a person
/// must acknowledge after releasing it; the patient's button stops the session without an alarm.
/// </summary>
public sealed class StopInputRule : SafetyRule
{
    private readonly bool _estop;
    private bool _wasActive;

    private StopInputRule(string name, bool estop, AlarmPriority priority)
        : base(name, priority, TripKind.PersonStop, latches: estop) => _estop = estop;

    public static StopInputRule EStop() => new("estop", estop: true, AlarmPriority.High);

    public static StopInputRule PatientStop() => new("patient-stop", estop: false, AlarmPriority.Low);

    public override void Evaluate(SafetyContext context)
    {
        var active = _estop ? context.Sensors.EStopActive : context.Sensors.PatientStopActive;
        if (active)
        {
            context.RequestHoldSafe();
            if (!_wasActive && !context.IsLatched(this, ""))
            {
                context.Trip(this, "", _estop
                    ? "The E-stop was pressed (or its wiring is broken). Actuator power is cut. Release the E-stop and acknowledge to continue."
                    : "The patient pressed the stop button. The stimulus was stopped at once.");
            }
        }

        _wasActive = active;
    }

    /// <summary>True while the input is active: an acknowledgement cannot clear it.</summary>
    public bool IsActive => _wasActive;

    public override void Reset() => _wasActive = false;
}
