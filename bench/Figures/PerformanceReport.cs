using System.Globalization;
using System.Text;

namespace AmpsDevice.Bench.Figures;

/// <summary>
/// The table of figures, as printed and as written into docs/performance.md between the
/// <c>figures:begin</c> and <c>figures:end</c> markers (the rest of the document is written by hand).
/// </summary>
public static class PerformanceReport
{
    private const string Begin = "<!-- figures:begin (written by the bench; do not edit by hand) -->";
    private const string End = "<!-- figures:end -->";

    public static string MachineLine(Support.MachineInfo m) => string.Create(CultureInfo.InvariantCulture,
        $"Measured {m.Date:yyyy-MM-dd HH:mm} UTC on {m.Cpu}, {m.Cores} cores, {m.RamGiB:0.0} GiB RAM, {m.Os}, {m.DotNet}.");

    public static string Table(IReadOnlyList<FigureResult> results)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| figure | measured: median (min–max) | goal | | load average |");
        sb.AppendLine("| --- | --- | --- | --- | --- |");
        foreach (var r in results)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {r.Figure} | {r.Measured} | {r.Goal} | {(r.Pass ? "pass" : "**miss**")} | {r.Load} |");
        }

        return sb.ToString();
    }

    public static void Write(string path, IReadOnlyList<FigureResult> results, Support.MachineInfo machine, TimeSpan took)
    {
        var sb = new StringBuilder();
        sb.AppendLine(Begin);
        sb.AppendLine(MachineLine(machine));
        sb.AppendLine(CultureInfo.InvariantCulture, $"Rerun with `{FigureHarness.Command}` (this run took {took.TotalMinutes:0} minutes, one figure at a time; `--quick` for a smoke run that does not write this file).");
        sb.AppendLine("Every figure is the median of its runs, with the lowest and highest run in brackets; the load average column is");
        sb.AppendLine("the machine's one-minute load average, lowest and highest, sampled every 5 s while the figure was measured (2 cores).");
        sb.AppendLine();
        sb.Append(Table(results));
        sb.AppendLine();
        sb.AppendLine("How each was measured:");
        sb.AppendLine();
        foreach (var r in results)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"- *{r.Figure}*: {r.Method}");
        }

        sb.Append(End);
        var generated = sb.ToString();
        var text = File.Exists(path) ? File.ReadAllText(path) : $"# Performance\n\n{Begin}\n{End}\n";
        var start = text.IndexOf(Begin, StringComparison.Ordinal);
        var end = text.IndexOf(End, StringComparison.Ordinal);
        text = start < 0 || end < start
            ? text.TrimEnd() + "\n\n" + generated + "\n"
            : string.Concat(text.AsSpan(0, start), generated, text.AsSpan(end + End.Length));
        File.WriteAllText(path, text);
    }
}
