using AmpsDevice.FirmwareHost.Safety.Signals;

namespace AmpsDevice.FirmwareHost.Safety.Rules;

/// <summary>
/// K1, the contactor that switches both actuator rails, against its mirror contact (read on GPIO12,
/// <c>Hardware:RailMonitorPin</c>): the poles must be where they were told to be within the contactor's operating time.
/// Told closed = the master enable was written high and the E-stop (whose contact is in K1's coil chain) is not
/// pressed. Closed while told open is a welded pole, a coil that did not drop or a broken GPIO12 line: the rails may
/// still be live, and only this rule can see it. Open while told closed is a break in the coil chain (a thermal
/// cutoff, F3, the heartbeat's Q_hb, Q_en) or a mirror contact stuck closed, which would hide a later weld.
/// Not judged while the inputs cannot be read (<see cref="SensorLostRule"/> reports that).
/// </summary>
public sealed class ContactorMonitorRule : SafetyRule
{
    /// <summary>K1's longest closing time, s: Schneider LC1D09 d.c. coil, product data sheet "Operating time", closing 53.55-72.45 ms.</summary>
    public const double MaxClosingS = 0.07245;

    /// <summary>K1's longest opening time, s: the same data sheet, opening 16-24 ms.</summary>
    public const double MaxOpeningS = 0.024;

    private readonly PersistenceTimers _timer = new(1);
    private bool _toldClosed;

    public ContactorMonitorRule() : base("rail-contactor", AlarmPriority.High)
    {
    }

    public override void Evaluate(SafetyContext context)
    {
        var sensors = context.Sensors;
        var toldClosed = context.LastOutputs.MasterEnable && !sensors.EStopActive;
        if (toldClosed != _toldClosed)
        {
            _toldClosed = toldClosed;
            _timer.Restart(0);
        }

        var disagrees = !sensors.InputsFailed && sensors.RailContactorClosed != toldClosed;
        var allowedS = toldClosed ? MaxClosingS : MaxOpeningS;
        var forS = _timer.Update(0, disagrees, context.TimeS);
        if (forS > allowedS && !context.IsLatched(this, "K1"))
        {
            context.Trip(this, "K1", toldClosed
                ? $"The rail contactor K1 shows every pole open {forS * 1000:0} ms after it was told to close (allowed {allowedS * 1000:0} ms). " +
                  "Its coil chain is open or its mirror contact is stuck: check the thermal cutoffs TH1-TH6, fuse F3, the E-stop's coil contact, " +
                  "Q_hb and Q_en, and the GPIO12 line, before acknowledging."
                : $"The rail contactor K1 shows a closed pole {forS * 1000:0} ms after it was told to open (allowed {allowedS * 1000:0} ms). " +
                  "A main pole may be welded or the GPIO12 line broken: the actuator rails may still be live. Switch the device off at the mains " +
                  "and have K1 and the GPIO12 wiring checked before it is used again.");
            _timer.Restart(0);
        }
    }

    public override void Reset() => _timer.Reset();
}
