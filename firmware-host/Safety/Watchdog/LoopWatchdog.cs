using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AmpsDevice.FirmwareHost.Safety.Watchdog;

/// <summary>
/// Keeps systemd's watchdog (<c>WatchdogSec=</c> in the unit, <c>Type=notify</c>) and, where configured,
/// the kernel's <c>/dev/watchdog</c> alive, but only while the control loop is ticking: a hung loop stops
/// the keep-alives, and systemd (or the hardware watchdog) restarts the service or the board. The
/// hardware's pull-downs keep every output off meanwhile.
/// </summary>
public sealed partial class LoopWatchdog : BackgroundService
{
    private readonly LoopHeartbeat _heartbeat;
    private readonly TimeProvider _time;
    private readonly ISystemdNotifier? _systemd;
    private readonly TimeSpan? _systemdInterval;
    private readonly WatchdogOptions _options;
    private readonly ILogger<LoopWatchdog> _logger;

    /// <param name="systemdInterval">systemd's watchdog interval (<see cref="SystemdIntervalFromEnvironment"/>); null when systemd watches nothing.</param>
    public LoopWatchdog(LoopHeartbeat heartbeat, TimeProvider time, IOptions<WatchdogOptions> options, ILogger<LoopWatchdog> logger,
        ISystemdNotifier? systemd, TimeSpan? systemdInterval)
    {
        _heartbeat = heartbeat;
        _time = time;
        _systemd = systemd;
        _systemdInterval = systemd is { IsEnabled: true } ? systemdInterval : null;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>systemd tells a service with <c>WatchdogSec=</c> its watchdog interval in <c>WATCHDOG_USEC</c>.</summary>
    public static TimeSpan? SystemdIntervalFromEnvironment() =>
        long.TryParse(Environment.GetEnvironmentVariable("WATCHDOG_USEC"), out var usec) && usec > 0 ? TimeSpan.FromMicroseconds(usec) : null;

    /// <summary>The loop ticked recently enough to be trusted.</summary>
    public bool LoopAlive =>
        _heartbeat.Last != 0 && _time.GetElapsedTime(_heartbeat.Last).TotalMilliseconds <= _options.LoopAliveWithinMs;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Pet systemd at a quarter of its interval, and never less often than once a second.
        FileStream? kernel = OpenKernelWatchdog();
        if (_systemdInterval is null && kernel is null)
        {
            return;
        }

        var interval = _systemdInterval is { } si ? si / 4 : TimeSpan.FromSeconds(1);
        if (interval > TimeSpan.FromSeconds(1))
        {
            interval = TimeSpan.FromSeconds(1);
        }

        try
        {
            using var timer = new PeriodicTimer(interval, _time);
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                if (!LoopAlive)
                {
                    LogLoopSilent(_options.LoopAliveWithinMs);
                    continue;
                }

                if (_systemdInterval is not null)
                {
                    _systemd!.Notify(new ServiceState("WATCHDOG=1"));
                }

                if (kernel is not null)
                {
                    kernel.WriteByte(0);
                    kernel.Flush();
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            if (kernel is not null)
            {
                // Magic close: a clean stop disarms the kernel watchdog instead of rebooting the board.
                kernel.WriteByte((byte)'V');
                await kernel.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private FileStream? OpenKernelWatchdog()
    {
        if (string.IsNullOrEmpty(_options.KernelDevice))
        {
            return null;
        }

        try
        {
            return new FileStream(_options.KernelDevice, FileMode.Open, FileAccess.Write, FileShare.None, bufferSize: 0);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogKernelUnavailable(_options.KernelDevice, ex.Message);
            return null;
        }
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Error, Message = "Control loop silent for more than {Ms} ms: watchdog keep-alive withheld")]
    private partial void LogLoopSilent(double ms);

    [LoggerMessage(EventId = 201, Level = LogLevel.Warning, Message = "Kernel watchdog {Device} unavailable: {Reason}")]
    private partial void LogKernelUnavailable(string device, string reason);
}
