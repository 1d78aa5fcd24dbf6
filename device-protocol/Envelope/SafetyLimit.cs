using System.Globalization;

namespace AmpsDevice.Protocol.Envelope;

/// <summary>Which way a limit moves when it is made safer.</summary>
public enum SaferDirection
{
    /// <summary>A lower value is safer (a maximum: a trip, a target ceiling, a duration, a rate).</summary>
    Lower,

    /// <summary>A higher value is safer (a minimum: a cold trip, a target floor, a slowest ramp).</summary>
    Higher,
}

/// <summary>
/// One safety limit, defined once: its configuration key, unit, compiled-in value, the source the value
/// comes from, and which way it may be tightened. The profile envelope, the <c>Safety</c> options and the
/// safety supervisor all read it; configuration may move it only in its <see cref="Safer"/> direction.
/// </summary>
/// <param name="Key">The configuration key under <c>Safety</c> and the name errors use.</param>
/// <param name="Unit">The unit of <paramref name="Value"/>.</param>
/// <param name="Value">The compiled-in (absolute) value: the loosest the device ever allows.</param>
/// <param name="Safer">Which way tightening moves the value.</param>
/// <param name="Source">Where the value comes from.</param>
/// <param name="Magnitude">
/// The value is a size (a duration, a rate, a force, a frequency, a dose), so 0 or less is no limit at all and
/// is refused even where it would be "tighter". A temperature is not a magnitude: 0 °C or −5 °C is a temperature.
/// </param>
public sealed record SafetyLimit(string Key, string Unit, double Value, SaferDirection Safer, string Source, bool Magnitude = true)
{
    /// <summary>
    /// Why <paramref name="value"/> cannot replace <paramref name="current"/> (the value in force, at most as loose
    /// as <see cref="Value"/>), or null when it is as tight or tighter. NaN and infinities are refused; so is a
    /// value ≤ 0 for a <see cref="Magnitude"/>.
    /// </summary>
    public string? Refusal(double value, double current)
    {
        if (!double.IsFinite(value))
        {
            return Format($"{value} is not a usable value: a finite number is required");
        }

        if (Magnitude && value <= 0)
        {
            return Format($"{value} {Unit} is not a usable value: it must be above 0");
        }

        var looser = Safer == SaferDirection.Lower ? value > current : value < current;
        return looser
            ? Format($"{value} {Unit} would loosen the limit of {current} {Unit}; configuration may only {(Safer == SaferDirection.Lower ? "lower" : "raise")} it")
            : null;
    }

    /// <summary>
    /// <paramref name="configured"/> when it tightens <paramref name="current"/> (or equals it), <paramref name="current"/>
    /// when nothing is configured.
    /// </summary>
    /// <exception cref="ArgumentException">The value would loosen the limit or is not usable; the message starts with <see cref="Key"/>.</exception>
    public double Tighten(double current, double? configured)
    {
        if (configured is not { } value)
        {
            return current;
        }

        return Refusal(value, current) is { } why ? throw new ArgumentException($"{Key}: {why}", Key) : value;
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
