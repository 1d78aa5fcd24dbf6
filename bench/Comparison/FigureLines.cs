using System.Globalization;
using System.Text.RegularExpressions;

namespace AmpsDevice.Bench.Comparison;

/// <summary>
/// The figure rows a <c>figures</c> run prints (<c>  FIGURE: MEASURED (goal ...)</c>), read back from its output, with
/// the first number of each measured value: the figure's median (every bench prints its main value first). Where the
/// figure's note (the indented line under it) gives the speed per CPU second as well (<c>per CPU second ... N ×</c>:
/// the simulation figures), that too, since on a busy machine the CPU time moves far less than the wall time.
/// </summary>
public static partial class FigureLines
{
    private const string GoalMark = " (goal ";

    private const string PerCpuSecondMark = "per CPU second";

    public sealed record Row(string Figure, string Measured, double Value)
    {
        /// <summary>The speed per CPU second its note gives, or null.</summary>
        public double? PerCpuSecond { get; init; }
    }

    public static IReadOnlyList<Row> Parse(string output)
    {
        var rows = new List<Row>();
        foreach (var line in output.Split('\n'))
        {
            var cpu = line.IndexOf(PerCpuSecondMark, StringComparison.Ordinal);
            if (line.StartsWith("    ", StringComparison.Ordinal) && cpu >= 0 && rows.Count > 0 && rows[^1].PerCpuSecond is null
                && FirstNumber().Match(line, cpu) is { Success: true } perCpu)
            {
                rows[^1] = rows[^1] with { PerCpuSecond = double.Parse(perCpu.Value, CultureInfo.InvariantCulture) };
                continue;
            }

            var goal = line.IndexOf(GoalMark, StringComparison.Ordinal);
            if (!line.StartsWith("  ", StringComparison.Ordinal) || line.StartsWith("   ", StringComparison.Ordinal) || goal < 0)
            {
                continue;
            }

            var head = line[2..goal];
            var split = head.LastIndexOf(": ", StringComparison.Ordinal);
            if (split < 0)
            {
                continue;
            }

            var measured = head[(split + 2)..];
            var number = FirstNumber().Match(measured);
            if (number.Success)
            {
                rows.Add(new Row(head[..split], measured, double.Parse(number.Value, CultureInfo.InvariantCulture)));
            }
        }

        return rows;
    }

    [GeneratedRegex(@"-?\d+(\.\d+)?")]
    private static partial Regex FirstNumber();
}
