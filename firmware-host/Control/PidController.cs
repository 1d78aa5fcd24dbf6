namespace AmpsDevice.FirmwareHost.Control;

/// <summary>
/// A PID controller in the parallel form, with the derivative taken on the measurement (no kick when
/// the setpoint steps), a first-order filter on it, output limits, and anti-windup two ways: the
/// integrator does not grow while the output is saturated in the error's direction (conditional
/// integration), nor while the error is wider than <see cref="PidGains.IntegralZone"/> (integral
/// separation: far from the setpoint the proportional term and feed-forward drive; the integrator only
/// trims the steady-state offset, so what it holds on arrival is what the setpoint needs).
/// </summary>
public sealed class PidController
{
    private double _integral;
    private double _lastMeasurement = double.NaN;
    private double _derivative;

    public PidController(PidGains gains) => Gains = gains;

    public PidGains Gains { get; }

    /// <summary>The last output, within the limits.</summary>
    public double Output { get; private set; }

    /// <summary>One control step. Returns the output, clamped to [<see cref="PidGains.OutputMin"/>, <see cref="PidGains.OutputMax"/>].</summary>
    /// <param name="setpoint">Where the process should be.</param>
    /// <param name="measurement">Where it is.</param>
    /// <param name="feedForward">Output known to be needed regardless of the error (added before clamping).</param>
    /// <param name="dtS">Time since the last step, s.</param>
    public double Update(double setpoint, double measurement, double feedForward, double dtS)
    {
        var g = Gains;
        var error = setpoint - measurement;
        if (!double.IsNaN(_lastMeasurement) && dtS > 0)
        {
            var raw = -(measurement - _lastMeasurement) / dtS;
            var alpha = dtS / (g.DerivativeFilterS + dtS);
            _derivative += alpha * (raw - _derivative);
        }

        _lastMeasurement = measurement;
        var unclamped = feedForward + g.Kp * error + _integral + g.Kd * _derivative;
        var output = Math.Clamp(unclamped, g.OutputMin, g.OutputMax);
        var saturatedSameWay = (unclamped > g.OutputMax && error > 0) || (unclamped < g.OutputMin && error < 0);
        if (!saturatedSameWay && Math.Abs(error) <= g.IntegralZone)
        {
            _integral = Math.Clamp(_integral + g.Ki * error * dtS, g.OutputMin, g.OutputMax);
        }

        Output = output;
        return output;
    }

    /// <summary>Forgets history (the loop was off, or the setpoint jumped by a session change).</summary>
    public void Reset()
    {
        _integral = 0;
        _derivative = 0;
        _lastMeasurement = double.NaN;
        Output = 0;
    }
}

/// <summary>PID gains and limits.</summary>
/// <param name="IntegralZone">Largest |error| at which the integrator still integrates (process units).</param>
public sealed record PidGains(double Kp, double Ki, double Kd, double DerivativeFilterS, double OutputMin, double OutputMax, double IntegralZone = double.PositiveInfinity);
