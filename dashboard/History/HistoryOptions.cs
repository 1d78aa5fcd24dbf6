namespace AmpsDevice.Dashboard.History;

/// <summary>Configuration section <c>Dashboard:History</c>.</summary>
public sealed class HistoryOptions
{
    public const string SectionName = "Dashboard:History";

    /// <summary>Messages waiting for the database at most (beyond it they stay with the broker, unacknowledged).</summary>
    public int QueueCapacity { get; set; } = 100_000;

    /// <summary>Messages written in one transaction at most.</summary>
    public int MaxBatch { get; set; } = 2_000;

    public TimeSpan RetryMinDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Days the history is kept (null: for ever, the default; the clinic decides).</summary>
    public int? RetentionDays { get; set; }
}
