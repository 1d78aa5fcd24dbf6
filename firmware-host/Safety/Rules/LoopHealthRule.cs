namespace AmpsDevice.FirmwareHost.Safety.Rules;

/// <summary>
/// The control loop itself: 3 missed ticks in a row (a starved loop cannot protect anyone), or an
/// output that failed to write (the hardware may not be doing what the loop believes).
/// </summary>
public sealed class LoopHealthRule() : SafetyRule("control-loop", AlarmPriority.High)
{
    /// <summary>Consecutive missed control ticks that trip: a starved loop cannot protect anyone.</summary>
    public const int MaxMissedTicks = 3;

    public override void Evaluate(SafetyContext context)
    {
        if (context.MissedTicks >= MaxMissedTicks && !context.IsLatched(this, "deadline"))
        {
            context.Trip(this, "deadline",
                $"The control loop missed {context.MissedTicks} ticks in a row ({context.MissedTicks * context.TickPeriodS * 1000:0} ms without supervision). " +
                "Outputs were made safe. If this repeats, the controller is overloaded: report it.");
        }

        if (context.LastWriteFailures > 0 && !context.IsLatched(this, "outputs"))
        {
            context.Trip(this, "outputs",
                $"{context.LastWriteFailures} output(s) failed to write. The hardware may not be doing what it is told, so actuator power was cut. " +
                "Check the PWM controller and its I2C wiring.");
        }
    }
}
