namespace AmpsDevice.FirmwareHost.Hardware;

/// <summary>
/// The analog front ends, inverted: ADC volts back to the physical quantity. Each is the forward
/// model in <c>AmpsDevice.Simulator.Electrical</c> solved for its input; the formulas are written out.
/// </summary>
public static class SensorConversions
{
    /// <summary>0 °C in kelvin.</summary>
    public const double KelvinOffset = 273.15;

    /// <summary>
    /// NTC thermistor at the bottom of a divider (supply → series resistor → node → NTC → GND):
    /// R = Rs·V / (Vs − V), then the beta equation 1/T = 1/T0 + ln(R/R0)/β.
    /// Returns false when the node sits within 1 % of a rail: the NTC is open (≈ Vs) or shorted (≈ 0).
    /// </summary>
    public static bool TryNtcCelsius(double volts, NtcOptions ntc, out double celsius)
    {
        ArgumentNullException.ThrowIfNull(ntc);
        celsius = double.NaN;
        if (!(volts > 0.01 * ntc.SupplyV && volts < 0.99 * ntc.SupplyV))
        {
            return false;
        }

        var resistance = ntc.SeriesOhms * volts / (ntc.SupplyV - volts);
        var inverseKelvin = (1.0 / (ntc.NominalC + KelvinOffset)) + (Math.Log(resistance / ntc.NominalOhms) / ntc.Beta);
        celsius = (1.0 / inverseKelvin) - KelvinOffset;
        return true;
    }

    /// <summary>
    /// FSR 402 at the top of a divider (supply → FSR → node → Rm → GND): R_fsr = Rm·(Vs − V)/V, and the
    /// FSR's conductance is close to proportional to force, F = k / R_fsr = k·V / (Rm·(Vs − V)).
    /// k (N·Ω) is the per-channel calibration; below 1 mV there is no contact (0 N).
    /// </summary>
    public static double FsrForceN(double volts, PressureOptions pressure)
    {
        ArgumentNullException.ThrowIfNull(pressure);
        if (!(volts > 0.001))
        {
            return 0;
        }

        var headroom = Math.Max(pressure.SupplyV - volts, 1e-3);
        return pressure.CalibrationNOhms * volts / (pressure.LoadOhms * headroom);
    }

    /// <summary>Shunt and amplifier: I = V / (gain × R_shunt).</summary>
    public static double ShuntCurrentA(double volts, CurrentSenseOptions sense)
    {
        ArgumentNullException.ThrowIfNull(sense);
        return volts / (sense.Gain * sense.ShuntOhms);
    }

    /// <summary>
    /// Tactor amplitude (0..1) → PWM duty: D = asin(a)/π. A square wave of duty D has a fundamental
    /// proportional to sin(πD), largest at D = 0.5, so a = 1 is a 50 % square wave.
    /// NaN or out-of-range amplitudes are clamped into 0..1 (NaN → 0).
    /// </summary>
    public static double TactorDutyFromAmplitude(double amplitude)
    {
        if (!(amplitude > 0))
        {
            return 0;
        }

        return Math.Asin(Math.Min(amplitude, 1.0)) / Math.PI;
    }

    /// <summary>The duty of full amplitude (a = 1): a 50 % square wave.</summary>
    public const double TactorFullScaleDuty = 0.5;

    /// <summary>PWM duty (0..0.5) → tactor amplitude: a = sin(πD).</summary>
    public static double TactorAmplitudeFromDuty(double dutyCycle) => Math.Sin(Math.PI * Math.Clamp(dutyCycle, 0, TactorFullScaleDuty));
}
