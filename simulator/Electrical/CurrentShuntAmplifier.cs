namespace AmpsDevice.Simulator.Electrical;

/// <summary>
/// Forward model of a tactor's current sense: low-side shunt and a voltage amplifier (with an RC
/// filter, so the ADC sees the average over the PWM period): V = I·R_shunt·gain, limited by the
/// amplifier's output swing. Defaults equal appsettings.json's Hardware:CurrentSense.
/// </summary>
public sealed record CurrentShuntAmplifier
{
    public double ShuntOhms { get; init; } = 0.1;
    public double Gain { get; init; } = 20;

    /// <summary>Highest output the amplifier reaches (rail-to-rail on 3.3 V), V.</summary>
    public double OutputMaxV { get; init; } = 3.3;

    public static CurrentShuntAmplifier Default { get; } = new();

    public double Volts(double currentA) => Math.Clamp(currentA * ShuntOhms * Gain, 0, OutputMaxV);
}
