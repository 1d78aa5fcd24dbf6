using Microsoft.Extensions.Options;

namespace AmpsDevice.Dashboard.History;

/// <summary>
/// With <c>Dashboard:History:RetentionDays</c> set, deletes the history older than that once at start and then once
/// a day (records are health data: how long they are kept is the clinic's decision, so nothing is deleted unless it is
/// configured). <c>ampsdashboard history prune --older-than ... --dry-run</c> shows what a given age would delete.
/// </summary>
public sealed partial class HistoryRetention(HistoryPruner pruner, IOptions<HistoryOptions> options, TimeProvider time, ILogger<HistoryRetention> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.RetentionDays is not { } days)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromDays(1), time);
        do
        {
            try
            {
                var report = await pruner.ApplyAsync(time.GetUtcNow() - TimeSpan.FromDays(days), stoppingToken);
                var described = report.Describe();
                LogPruned(logger, days, described);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "History retention ({Days} days): {Report}")]
    private static partial void LogPruned(ILogger logger, int days, string report);

    [LoggerMessage(Level = LogLevel.Error, Message = "History retention failed; trying again tomorrow: {Error}")]
    private static partial void LogFailed(ILogger logger, string error);
}
