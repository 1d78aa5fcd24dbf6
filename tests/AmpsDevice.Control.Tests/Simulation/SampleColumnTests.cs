using System.Globalization;
using AmpsDevice.FirmwareHost.Simulation;

namespace AmpsDevice.Control.Tests.Simulation;

/// <summary>A sample column that remembers its last text writes what the pattern writes, value after value.</summary>
public class SampleColumnTests
{
    [Fact]
    public void Repeated_changed_and_special_values_come_out_as_double_formats_them()
    {
        var column = new SampleColumn(DecimalPattern.Of("0.###"));
        double[] values = [0.0, 0.0, -0.0, -0.0, 0.0, 31.9921875, 31.9921875, 32.0, double.NaN, double.NaN, 1e40, 1e40, -0.0004, -0.0004, 31.9921875];
        Span<char> buffer = stackalloc char[128];
        foreach (var value in values)
        {
            Assert.True(column.TryFormat(value, buffer, out var written));
            Assert.Equal(value.ToString("0.###", CultureInfo.InvariantCulture), buffer[..written].ToString());
        }
    }

    [Fact]
    public void A_remembered_text_that_does_not_fit_is_refused_as_a_new_one_would_be()
    {
        var column = new SampleColumn(DecimalPattern.Of("0.###"));
        Span<char> wide = stackalloc char[32];
        Assert.True(column.TryFormat(12345.678, wide, out _));
        Span<char> narrow = stackalloc char[4];
        Assert.False(column.TryFormat(12345.678, narrow, out _));
    }
}
