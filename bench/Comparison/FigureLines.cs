using System.Globalization;
using System.Text.RegularExpressions;

namespace AmpsDevice.Bench.Comparison;

/// <summary>
/// The figure rows a <c>figures</c> run prints (<c>  FIGURE: MEASURED (goal ...)</c>), read back from its output, with
/// the first number of each measured value: the figure's median (every bench prints its main value first).
/// </summary>
public static partial class FigureLines
{
    private const string GoalMark = " (goal ";

    public sealed record Row(string Figure, string Measured, double Value);

    public static IReadOnlyList<Row> Parse(string output)
    {
        var rows = new List<Row>();
        foreach (var line in output.Split('\n'))
        {
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
