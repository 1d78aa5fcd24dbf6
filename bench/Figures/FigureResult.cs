namespace AmpsDevice.Bench.Figures;

/// <summary>One line of the table: a figure, what was measured, its goal, and whether the goal was met.</summary>
/// <param name="Figure">What is measured, with its unit.</param>
/// <param name="Measured">The measured value(s) as printed.</param>
/// <param name="Goal">The project's goal for the figure.</param>
/// <param name="Pass">Whether the goal was met.</param>
/// <param name="Method">How it was measured (runs, sample sizes), for the notes under the table.</param>
public sealed record FigureResult(string Figure, string Measured, string Goal, bool Pass, string Method);

/// <summary>How long a run may take.</summary>
/// <param name="Quick">Shortens the long figures (10-minute RSS, one-hour outage, 10,000 trips) for a smoke run.</param>
public sealed record FigureRunOptions(bool Quick);

/// <summary>A group of figures measured together (one of the names <c>--only</c> takes).</summary>
public interface IFigure
{
    /// <summary>The name <c>--only</c> takes.</summary>
    string Name { get; }

    /// <summary>
    /// Mostly waiting on another process (the 10-minute RSS run): started first and left running while the
    /// others are measured, so a full run takes minutes less.
    /// </summary>
    bool InBackground => false;

    Task<IReadOnlyList<FigureResult>> MeasureAsync(FigureRunOptions options, CancellationToken cancellationToken);
}
