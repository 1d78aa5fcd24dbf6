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

    /// <summary>The CPU time (user + system) the process has used so far, ms: on a busy machine, what a start cost apart from waiting for a core.</summary>
    public static double ProcessCpuMs()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalMilliseconds;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogOutputsSafe(logger, hardware.SafeAtMs, hardware.SafeAtCpuMs);
        lifetime.ApplicationStarted.Register(() =>
        {
            if (logger.IsEnabled(LogLevel.Information))
            {
                var elapsedMs = SinceProcessStartMs(time);
                var cpuMs = ProcessCpuMs();
                LogReady(logger, elapsedMs, cpuMs);
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Outputs safe {ElapsedMs:0} ms after process start ({CpuMs:0} ms of CPU)")]
    private static partial void LogOutputsSafe(ILogger logger, double elapsedMs, double cpuMs);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Ready {ElapsedMs:0} ms after process start ({CpuMs:0} ms of CPU)")]
    private static partial void LogReady(ILogger logger, double elapsedMs, double cpuMs);
}
