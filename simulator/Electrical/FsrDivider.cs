namespace AmpsDevice.Simulator.Electrical;

/// <summary>
/// Forward model of a force channel (FlexiForce A201, 111 N range): supply → sensor → node → load resistor
/// → GND. The sensor's conductance is proportional to force, R = k/F; V = Vs·Rm/(Rm + R). The divider puts
/// the 60 N trip at half the supply (k/Rm = 60 N: 3.3 kΩ at 60 N with k = 198 000 N·Ω, docs/hardware.md).
/// Defaults equal appsettings.json's Hardware:Pressure entries.
/// </summary>
public sealed record FsrDivider
{
    public double SupplyV { get; init; } = 3.3;
    public double LoadOhms { get; init; } = 3300;
    public double CalibrationNOhms { get; init; } = 198_000;

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
