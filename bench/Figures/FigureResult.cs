namespace AmpsDevice.Bench.Figures;

/// <summary>One line of the table: a figure, what was measured, its goal, and whether the goal was met.</summary>
/// <param name="Figure">What is measured, with its unit.</param>
/// <param name="Measured">The measured value(s) as printed: the median of the runs first, then their spread.</param>
/// <param name="Goal">The project's goal for the figure.</param>
/// <param name="Pass">Whether the goal was met (by every value the goal bounds: a peak above it is a miss).</param>
/// <param name="Method">How it was measured (runs, sample sizes), for the notes under the table.</param>
public sealed record FigureResult(string Figure, string Measured, string Goal, bool Pass, string Method)
{
    /// <summary>The machine's one-minute load average while the figure was measured (set by the harness).</summary>
    public string Load { get; init; } = "";
}

/// <summary>How long a run may take.</summary>
/// <param name="Quick">Shortens the long figures (10-minute RSS, one-hour outage, 10,000 trips) for a smoke run.</param>
public sealed record FigureRunOptions(bool Quick);

/// <summary>A group of figures measured together (one of the names <c>--only</c> takes).</summary>
public interface IFigure
{
    /// <summary>The name <c>--only</c> takes.</summary>
    string Name { get; }

    Task<IReadOnlyList<FigureResult>> MeasureAsync(FigureRunOptions options, CancellationToken cancellationToken);
}
