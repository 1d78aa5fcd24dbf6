using System.Globalization;

namespace AmpsDevice.FirmwareHost.Simulation;

/// <summary>
/// Formats a number with a <c>0.#…#</c> pattern (at most N decimals, no trailing zeros, invariant culture)
/// exactly as <see cref="double.TryFormat(Span{char}, out int, ReadOnlySpan{char}, IFormatProvider?)"/> does, but
/// without parsing the custom format for every number: a sample file formats fifteen numbers per tick. A value
/// whose rounding is not clear-cut from its product with 10^N (within 1e-5 of a half, or beyond 10^8 after
/// scaling), one that rounds to a negative zero, NaN and ±∞ are formatted by <see cref="double.TryFormat(Span{char}, out int, ReadOnlySpan{char}, IFormatProvider?)"/> itself.
/// </summary>
public static class DecimalPattern
{
    private static readonly long[] Powers = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000];

    public static bool TryFormat(double value, string pattern, Span<char> destination, out int written)
    {
        var decimals = pattern.Length - 2;
        if (decimals < 1 || decimals >= Powers.Length || !pattern.StartsWith("0.", StringComparison.Ordinal) || pattern.AsSpan(2).ContainsAnyExcept('#'))
        {
            return value.TryFormat(destination, out written, pattern, CultureInfo.InvariantCulture);
        }

        var scale = Powers[decimals];
        var magnitude = Math.Abs(value * scale);

        // The format rounds the double's decimal expansion (to 15 significant digits, then to N decimals); the
        // product with 10^N is within 1e-6 of that expansion below 1e8, so only a value near a half can round differently.
        var whole = Math.Floor(magnitude);
        if (!(magnitude < 1e8) || Math.Abs(magnitude - whole - 0.5) < 1e-5)
        {
            return value.TryFormat(destination, out written, pattern, CultureInfo.InvariantCulture);
        }

        var units = (long)whole + (magnitude - whole > 0.5 ? 1 : 0);
        if (units == 0 && double.IsNegative(value))
        {
            return value.TryFormat(destination, out written, pattern, CultureInfo.InvariantCulture);
        }

        var integer = units / scale;
        var fraction = units % scale;
        var trailing = decimals;
        while (fraction != 0 && fraction % 10 == 0)
        {
            fraction /= 10;
            trailing--;
        }

        var length = (double.IsNegative(value) ? 1 : 0) + Digits(integer) + (fraction == 0 ? 0 : 1 + trailing);
        if (length > destination.Length)
        {
            written = 0;
            return false;
        }

        var at = 0;
        if (double.IsNegative(value))
        {
            destination[at++] = '-';
        }

        integer.TryFormat(destination[at..], out var integerDigits, default, CultureInfo.InvariantCulture);
        at += integerDigits;
        if (fraction != 0)
        {
            destination[at++] = '.';
            for (var i = at + trailing - 1; i >= at; i--)
            {
                destination[i] = (char)('0' + fraction % 10);
                fraction /= 10;
            }

            at += trailing;
        }

        written = at;
        return true;
    }

    private static int Digits(long n)
    {
        var digits = 1;
        while (n >= 10)
        {
            n /= 10;
            digits++;
        }

        return digits;
    }
}
