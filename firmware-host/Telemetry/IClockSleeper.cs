namespace AmpsDevice.FirmwareHost.Telemetry;

/// <summary>
/// Blocks the calling thread until a moment of the composition's clock. The <see cref="TelemetryBatcher"/> waits for
/// each batch through it: in real time it is a <see cref="ClockSleeper"/>; a clock that is stepped (the tests'
/// virtual time) comes with a sleeper that steps it.
/// </summary>
public interface IClockSleeper
{
    /// <summary>
    /// Returns true once the clock has reached <paramref name="deadline"/> (a <see cref="TimeProvider.GetTimestamp"/>
    /// of the composition's clock), false as soon as <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    bool SleepUntil(long deadline, CancellationToken cancellationToken);
}
