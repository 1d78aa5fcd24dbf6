using System.Globalization;

namespace AmpsDevice.Bench.Support;

/// <summary>Order statistics of a sample (nearest-rank percentiles: a reported p99 is a value that was measured).</summary>
public static class Stats
{
    public static double Percentile(IReadOnlyCollection<double> values, double percent)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percent / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static double Median(IReadOnlyCollection<double> values) => Percentile(values, 50);

    /// <summary>
    /// The median of the runs with their spread, as every figure of the table shows it: <c>12.3 ms (11.9–14.0)</c>,
    /// in one unit written once.
    /// </summary>
    public static string MedianSpread(IReadOnlyCollection<double> runs, string format, string unit) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{Median(runs).ToString(format, CultureInfo.InvariantCulture)}{Unit(unit)} ({runs.Min().ToString(format, CultureInfo.InvariantCulture)}–{runs.Max().ToString(format, CultureInfo.InvariantCulture)})");

    /// <summary>Every run's value, in the order measured, for the notes under the table.</summary>
    public static string Runs(IEnumerable<double> runs, string format) =>
        string.Join(", ", runs.Select(v => v.ToString(format, CultureInfo.InvariantCulture)));

    private static string Unit(string unit) => unit.Length == 0 ? "" : " " + unit;
}
