using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AmpsDevice.FirmwareHost.Hosting;

/// <summary>
/// Logs the two moments of a start that matter, each with the milliseconds since the process started: every
/// output driven safe (the hardware opened), and the service ready (every hosted service started; systemd gets
/// READY=1 at the same moment). docs/performance.md measures both from these lines.
/// </summary>
public sealed partial class StartupMilestones(DeviceHardware hardware, IHostApplicationLifetime lifetime, TimeProvider time, ILogger<StartupMilestones> logger)
    : IHostedService
{
    /// <summary>Milliseconds from the process's start to now.</summary>
    public static double SinceProcessStartMs(TimeProvider time)
    {
        using var process = Process.GetCurrentProcess();
        return (time.GetUtcNow().UtcDateTime - process.StartTime.ToUniversalTime()).TotalMilliseconds;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogOutputsSafe(logger, hardware.SafeAtMs);
        lifetime.ApplicationStarted.Register(() =>
        {
            if (logger.IsEnabled(LogLevel.Information))
            {
                var elapsedMs = SinceProcessStartMs(time);
                LogReady(logger, elapsedMs);
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Outputs safe {ElapsedMs:0} ms after process start")]
    private static partial void LogOutputsSafe(ILogger logger, double elapsedMs);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Ready {ElapsedMs:0} ms after process start")]
    private static partial void LogReady(ILogger logger, double elapsedMs);
}
