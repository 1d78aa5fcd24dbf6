using System.Globalization;

namespace AmpsDevice.FirmwareHost.Simulation;

/// <summary>
/// A <c>0.#…#</c> pattern (at most N decimals, no trailing zeros, invariant culture), read once, that formats a number
/// exactly as <see cref="double.TryFormat(Span{char}, out int, ReadOnlySpan{char}, IFormatProvider?)"/> does with it:
/// a sample file formats fifteen numbers per tick, and the runtime parses a custom format for every number. A value
/// whose rounding is not clear-cut from its product with 10^N (within 1e-5 of a half, or beyond 10^8 after
/// scaling), one that rounds to a negative zero, NaN and ±∞ are formatted by <see cref="double.TryFormat(Span{char}, out int, ReadOnlySpan{char}, IFormatProvider?)"/>
/// itself, as is every value for a pattern of another shape.
/// </summary>
public sealed class DecimalPattern
{
    private const int MostDecimals = 6;

    private readonly string _pattern;
    private readonly int _decimals;   // 0: not a 0.#…# pattern this class formats itself
    private readonly uint _scale;
    private readonly double _scaleAsDouble;

    private DecimalPattern(string pattern)
    {
        _pattern = pattern;
        var decimals = pattern.Length - 2;
        if (decimals >= 1 && decimals <= MostDecimals && pattern.StartsWith("0.", StringComparison.Ordinal) && !pattern.AsSpan(2).ContainsAnyExcept('#'))
        {
            _decimals = decimals;
            _scale = (uint)Math.Pow(10, decimals);
            _scaleAsDouble = _scale;
        }
    }

    /// <summary>The pattern <paramref name="pattern"/>, read once for any number of values.</summary>
    public static DecimalPattern Of(string pattern) => new(pattern);

    public override string ToString() => _pattern;

    public bool TryFormat(double value, Span<char> destination, out int written)
    {
        if (_decimals == 0)
        {
            return value.TryFormat(destination, out written, _pattern, CultureInfo.InvariantCulture);
        }

        var magnitude = Math.Abs(value * _scaleAsDouble);

        // The format rounds the double's decimal expansion (to 15 significant digits, then to N decimals); the
        // product with 10^N is within 1e-6 of that expansion below 1e8, so only a value near a half can round differently.
        // Below 1e8 (NaN is not) the whole part fits 32 bits: truncating is the floor, and 32-bit division is several
        // times cheaper than 64-bit (the native executable calls a library function for Math.Floor).
        if (!(magnitude < 1e8))
        {
            return value.TryFormat(destination, out written, _pattern, CultureInfo.InvariantCulture);
        }

        var whole = (uint)(int)magnitude;
        var rest = magnitude - whole;
        if (Math.Abs(rest - 0.5) < 1e-5)
        {
            return value.TryFormat(destination, out written, _pattern, CultureInfo.InvariantCulture);
        }

        var units = whole + (rest > 0.5 ? 1u : 0u);
        var negative = double.IsNegative(value);
        if (units == 0 && negative)
        {
            return value.TryFormat(destination, out written, _pattern, CultureInfo.InvariantCulture);
        }

        var integer = WholeUnits(units);
        var fraction = units - (integer * _scale);
        var trailing = _decimals;
        while (fraction != 0 && fraction % 10 == 0)
        {
            fraction /= 10;
            trailing--;
        }

        var integerDigits = Digits(integer);
        var length = (negative ? 1 : 0) + integerDigits + (fraction == 0 ? 0 : 1 + trailing);
        if (length > destination.Length)
        {
            written = 0;
            return false;
        }

        var at = 0;
        if (negative)
        {
            destination[at++] = '-';
        }

        at += integerDigits;
        for (var i = at - 1; i >= at - integerDigits; i--)
        {
            destination[i] = (char)('0' + (integer % 10));
            integer /= 10;
        }

        if (fraction != 0)
        {
            destination[at++] = '.';
            for (var i = at + trailing - 1; i >= at; i--)
            {
                destination[i] = (char)('0' + (fraction % 10));
                fraction /= 10;
            }

            at += trailing;
        }

        written = at;
        return true;
    }

    /// <summary><paramref name="units"/> ÷ 10^N: by a constant, which compiles to a multiplication (a division by the
    /// field took a third of the formatting's time).</summary>
    private uint WholeUnits(uint units) => _decimals switch
    {
        1 => units / 10,
        2 => units / 100,
        3 => units / 1_000,
        4 => units / 10_000,
        5 => units / 100_000,
        _ => units / 1_000_000,
    };

    private static int Digits(uint n)
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
