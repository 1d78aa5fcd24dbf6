namespace AmpsDevice.Protocol.Plans;

/// <summary>
/// What the top level of a plan reaches, one value per kind of stimulus; a kind left out stays as the
/// starting profile wrote it at every level. Each value is the strongest stimulus of that kind at the
/// top level: the warmest thermal step reaches <see cref="HeatC"/>, the coolest <see cref="ColdC"/>,
/// the strongest vibration <see cref="Amplitude"/>, the firmest press <see cref="ForceN"/>; every other
/// step of that kind grows in the same proportion.
/// </summary>
/// <param name="HeatC">Warmest pad target at the top level, °C (above 32).</param>
/// <param name="ColdC">Coolest pad target at the top level, °C (below 32).</param>
/// <param name="Amplitude">Strongest vibration amplitude at the top level, 0..1.</param>
/// <param name="ForceN">Firmest guided-pressure target at the top level, N.</param>
public sealed record LevelCeiling(double? HeatC, double? ColdC, double? Amplitude, double? ForceN)
{
    /// <summary>True when no kind of stimulus is scaled.</summary>
    public bool IsEmpty => HeatC is null && ColdC is null && Amplitude is null && ForceN is null;
}
