namespace AmpsDevice.Simulator.Electrical;

/// <summary>
/// Forward model of an FSR 402 channel: supply → FSR → node → load resistor → GND. The FSR's
/// conductance is taken as proportional to force, R = k/F (k ≈ 10 kΩ·N: about 10 kΩ at 1 N,
/// 1 kΩ at 10 N); V = Vs·Rm/(Rm + R). Defaults equal appsettings.json's Hardware:Pressure entries.
/// </summary>
public sealed record FsrDivider
{
    public double SupplyV { get; init; } = 3.3;
    public double LoadOhms { get; init; } = 3300;
    public double CalibrationNOhms { get; init; } = 10_000;

    public static FsrDivider Default { get; } = new();

    /// <summary>Node voltage at <paramref name="forceN"/>; 0 with no force (the FSR is open, > 1 MΩ).</summary>
    public double Volts(double forceN)
    {
        if (!(forceN > 0))
        {
            return 0;
        }

        var r = CalibrationNOhms / forceN;
        return SupplyV * LoadOhms / (LoadOhms + r);
    }
}
