namespace AmpsDevice.Simulator.Physics;

/// <summary>
/// Constants of one vibration channel: a voice-coil tactor with a series resistor, driven from the 12 V
/// rail through a low-side MOSFET with a square wave of variable duty. Defaults describe a Tectonic
/// TEAX25C10-8/HS class exciter (25 mm, 10 W, 8 Ω nominal: the part name encodes size, power and
/// impedance); a Dayton Audio DAEX25 class exciter is equivalent here. The frequency-response corners
/// are illustrative of a skin-loaded voice-coil tactor, not measured on the part.
/// </summary>
public sealed record TactorParameters
{
    /// <summary>Coil resistance, Ω. The nominal 8 Ω impedance is used; the DC resistance of such coils is
    /// typically 10-20 % lower, so the real current is somewhat higher than modelled.</summary>
    public double CoilResistanceOhm { get; init; } = 8.0;

    /// <summary>Resistor in series with the coil, Ω: keeps the coil's power inside its 10 W rating at full
    /// scale (D = 0.5) even when the coil's DC resistance is 15 % below nominal (docs/hardware.md).</summary>
    public double SeriesResistanceOhm { get; init; } = 1.0;

    /// <summary>Supply rail, V.</summary>
    public double RailV { get; init; } = 12.0;

    /// <summary>Time constant of the vibration envelope, s: the moving mass on skin builds up and
    /// rings down in a few cycles; 15 ms is mid-range for a 25 mm exciter loaded by tissue.</summary>
    public double EnvelopeTimeConstantS { get; init; } = 0.015;

    /// <summary>Lower corner of the response, Hz: below it the moving mass, on the suspension and the
    /// skin's stiffness, moves less per volt (first-order roll-off, gentle).</summary>
    public double LowCornerHz { get; init; } = 40.0;

    /// <summary>Upper corner, Hz: above it the mass-controlled region and the coil inductance cut the
    /// acceleration delivered to skin (first-order roll-off, gentle).</summary>
    public double HighCornerHz { get; init; } = 300.0;

    /// <summary>Amplitude below which the tactor counts as still (its <see cref="TactorModel.FrequencyHz"/> reads 0).</summary>
    public double StillAmplitude { get; init; } = 1e-3;

    /// <summary>The default channel.</summary>
    public static TactorParameters Default { get; } = new();
}
