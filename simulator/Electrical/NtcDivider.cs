namespace AmpsDevice.Simulator.Electrical;

/// <summary>
/// Forward model of a pad's safety thermistor: supply → series resistor → node → NTC → GND.
/// R(T) = R0·exp(β·(1/T − 1/T0)); V = Vs·R/(Rs + R). Defaults equal appsettings.json's Hardware:Ntc.
/// </summary>
public sealed record NtcDivider
{
    public double SupplyV { get; init; } = 3.3;
    public double SeriesOhms { get; init; } = 10_000;
    public double NominalOhms { get; init; } = 10_000;
    public double NominalC { get; init; } = 25.0;
    public double Beta { get; init; } = 3950;

    public static NtcDivider Default { get; } = new();

    /// <summary>NTC resistance at <paramref name="celsius"/>, Ω.</summary>
    public double ResistanceOhms(double celsius) =>
        NominalOhms * Math.Exp(Beta * ((1.0 / (celsius + 273.15)) - (1.0 / (NominalC + 273.15))));

    /// <summary>Node voltage at <paramref name="celsius"/>.</summary>
    public double Volts(double celsius)
    {
        var r = ResistanceOhms(celsius);
        return SupplyV * r / (SeriesOhms + r);
    }

    /// <summary>Node voltage with the NTC's wire broken: the series resistor pulls it to the supply.</summary>
    public double OpenCircuitVolts => SupplyV;
}
