using System.Globalization;
using AmpsDevice.FirmwareHost.Simulation;

namespace AmpsDevice.Control.Tests.Simulation;

/// <summary>The sample file's number formatting is double.TryFormat's, character for character.</summary>
public class DecimalPatternTests
{
    private static readonly string[] Patterns = ["0.#", "0.###", "0.####"];

    private static void AssertSame(double value)
    {
        Span<char> fast = stackalloc char[512]; // room for 1e300 in full
        foreach (var pattern in Patterns)
        {
            Assert.True(DecimalPattern.Of(pattern).TryFormat(value, fast, out var written));
            Assert.Equal(value.ToString(pattern, CultureInfo.InvariantCulture), fast[..written].ToString());
        }
    }

    [Fact]
    public void Every_reading_a_session_writes_formats_as_double_does()
    {
        var rng = new Random(11);
        for (var i = 0; i < 200_000; i++)
        {
            AssertSame(-60 + 300 * rng.NextDouble()); // temperatures, forces, frequencies
            AssertSame(2 * rng.NextDouble() - 1); // drive and amplitude
            AssertSame(Math.Round(rng.NextDouble() * 4000, 2)); // times on the 10 ms grid
            AssertSame(rng.NextDouble() * 1e-3 - 5e-4); // around zero, both signs
        }

        AssertSame(-0.0);
        var t = 0.0;
        for (var tick = 0; tick < 200_000; tick++)
        {
            t += 0.01; // the loop's accumulated time, with its rounding
            AssertSame(t);
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.0001)]
    [InlineData(-0.00049)]
    [InlineData(0.0005)]
    [InlineData(1.0005)]
    [InlineData(2.675)]
    [InlineData(-2.675)]
    [InlineData(0.05)]
    [InlineData(0.15)]
    [InlineData(0.00005)]
    [InlineData(31.999999999)]
    [InlineData(-31.9995)]
    [InlineData(99999.9999)]
    [InlineData(9999999.96)]
    [InlineData(99999.99996)]
    [InlineData(-4294967.2951)]
    [InlineData(123456789.0005)]
    [InlineData(1e20)]
    [InlineData(-1e300)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(double.Epsilon)]
    public void Halves_zeros_and_extremes_format_as_double_does(double value) => AssertSame(value);

    [Fact]
    public void Another_pattern_is_double_TryFormat_s()
    {
        Span<char> fast = stackalloc char[64];
        Assert.True(DecimalPattern.Of("0.00").TryFormat(1234.5678, fast, out var written));
        Assert.Equal("1234.57", fast[..written].ToString());
    }

    [Fact]
    public void Too_small_a_buffer_is_refused()
    {
        Span<char> small = stackalloc char[4];
        Assert.False(DecimalPattern.Of("0.###").TryFormat(12345.678, small, out _));
    }
}
