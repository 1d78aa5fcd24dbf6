namespace AmpsDevice.Simulator.Physics;

/// <summary>
/// Constants of one thermal pad: a Peltier module (TEC) between an aluminium contact plate on the skin
/// side and a fan-cooled heat sink. Every default is sourced in its comment; docs/simulator.md
/// repeats them in one table.
/// </summary>
public sealed record PeltierPadParameters
{
    /// <summary>0 °C in kelvin: the Peltier and Seebeck terms use absolute temperatures.</summary>
    public const double ZeroCelsiusK = 273.15;

    /// <summary>Seebeck coefficient of the whole module α, V/K (all couples in series).</summary>
    public required double SeebeckVPerK { get; init; }

    /// <summary>Electrical resistance of the module R, Ω.</summary>
    public required double ResistanceOhm { get; init; }

    /// <summary>Thermal conductance through the module K, W/K (pad side to sink side, at zero current).</summary>
    public required double ConductanceWPerK { get; init; }

    /// <summary>Heat capacity of the skin-side node, J/K. 40 × 40 × 3 mm aluminium plate: 4.8 cm³ ×
    /// 2.70 g/cm³ = 13.0 g × 0.897 J/(g·K) = 11.6 J/K; the module's alumina ceramic, 40 × 40 × 0.8 mm:
    /// 1.28 cm³ × 3.9 g/cm³ = 5.0 g × 0.88 J/(g·K) = 4.4 J/K; half the Bi₂Te₃ legs ≈ 0.5 J/K. Total ≈ 16.5 J/K.</summary>
    public double PadHeatCapacityJPerK { get; init; } = 16.5;

    /// <summary>Heat capacity of the sink node, J/K: an extruded aluminium fin sink of ≈ 125 g
    /// (0.897 J/(g·K) → 112 J/K) plus the module's hot-side ceramic (4.4 J/K) ≈ 120 J/K.</summary>
    public double SinkHeatCapacityJPerK { get; init; } = 120.0;

    /// <summary>Sink to ambient with the fan running, W/K: 0.5 K/W, a small fan-cooled sink of the
    /// 40-60 mm class (free-convection sinks of that size are 3-5 K/W; a fan gains 5-10×).</summary>
    public double SinkToAmbientWPerK { get; init; } = 2.0;

    /// <summary>Pad to the body through the skin while the limb rests on it, W/K. Perfused skin and
    /// subcutaneous tissue behave as a surface conductance of roughly 200-400 W/(m²·K) to the deep
    /// tissue; over 40 × 40 mm (16 cm²) that is 0.3-0.6 W/K. We take the firm-contact end.</summary>
    public double SkinContactWPerK { get; init; } = 0.6;

    /// <summary>Pad to ambient air by natural convection, W/K: h ≈ 10 W/(m²·K) over the 16 cm²
    /// face plus edges. The only loss of the pad side when no limb is on it.</summary>
    public double PadToAmbientWPerK { get; init; } = 0.02;

    /// <summary>Temperature of the deep tissue behind the skin, °C (body core).</summary>
    public double BodyCoreC { get; init; } = 37.0;

    /// <summary>Supply rail of the H-bridge, V: full drive is ± this voltage across the module.</summary>
    public double RailV { get; init; } = 12.0;

    /// <summary>
    /// Module constants from the four datasheet maxima with the standard first-order formulas
    /// (e.g. Lee, "Thermoelectrics: Design and Materials", ch. 3; the "effective material
    /// properties" method of TEC vendors): α = Vmax/Th, R = (Vmax/Imax)(Th − ΔTmax)/Th,
    /// K = Imax·Vmax·(Th − ΔTmax)/(2·Th·ΔTmax), with Th in kelvin.
    /// </summary>
    /// <param name="imaxA">Current at ΔTmax, A.</param>
    /// <param name="vmaxV">Voltage at ΔTmax, V.</param>
    /// <param name="deltaTmaxK">Largest temperature difference at zero heat load, K.</param>
    /// <param name="hotSideC">Hot-side temperature the maxima are given at, °C.</param>
    public static PeltierPadParameters FromDatasheet(double imaxA, double vmaxV, double deltaTmaxK, double hotSideC)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(imaxA);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(vmaxV);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(deltaTmaxK);
        double th = hotSideC + ZeroCelsiusK;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(th, deltaTmaxK, nameof(hotSideC));
        return new PeltierPadParameters
        {
            SeebeckVPerK = vmaxV / th,
            ResistanceOhm = vmaxV / imaxA * (th - deltaTmaxK) / th,
            ConductanceWPerK = imaxA * vmaxV * (th - deltaTmaxK) / (2.0 * th * deltaTmaxK),
        };
    }

    /// <summary>
    /// TEC1-12706 (127 couples, 40 × 40 mm; the generic Hebei/Thermonamic part): Imax 6.4 A,
    /// Vmax 15.4 V, ΔTmax 68 K at Th = 50 °C; Qmax 53 W on the same sheet.
    /// Gives α = 0.0477 V/K, R = 1.90 Ω, K = 0.572 W/K.
    /// </summary>
    public static PeltierPadParameters Tec1_12706 { get; } = FromDatasheet(imaxA: 6.4, vmaxV: 15.4, deltaTmaxK: 68.0, hotSideC: 50.0);

    /// <summary>
    /// Cooling capacity at ΔT = 0 and current <paramref name="currentA"/> with both sides at
    /// <paramref name="temperatureC"/>: α·I·T − ½·I²·R, W. At Imax and 50 °C this is the model's
    /// Qmax, a check of the derived constants against the datasheet's 53 W.
    /// </summary>
    public double CoolingCapacityW(double currentA, double temperatureC) =>
        SeebeckVPerK * currentA * (temperatureC + ZeroCelsiusK) - 0.5 * currentA * currentA * ResistanceOhm;
}
