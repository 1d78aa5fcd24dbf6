using AmpsDevice.FirmwareHost.Safety.Watchdog;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AmpsDevice.FirmwareHost.Control;

/// <summary>
/// Runs the control loop in real time on its own high-priority thread: sleeps until just before each
/// deadline and spins the last stretch, so tick lateness stays well under a millisecond. Nothing here
/// waits on the network, the disk or another thread's lock. On stop, and if the loop ever throws, the
/// outputs are driven safe before the thread ends.
/// </summary>
public sealed partial class ControlLoopRunner : IHostedService, IDisposable
{
    /// <summary>Wake-up margin before a deadline, covered by spinning (OS sleep granularity on Linux is ~0.1 ms).</summary>
    private static readonly TimeSpan SpinMargin = TimeSpan.FromMilliseconds(0.4);

    private readonly ControlLoop _loop;
    private readonly Hardware.IDeviceIo _io;
    private readonly TimeProvider _time;
    private readonly LoopHeartbeat _heartbeat;
    private readonly ILogger<ControlLoopRunner> _logger;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly int _realTimePriority;
    private Thread? _thread;
    private volatile bool _stopping;

    public ControlLoopRunner(ControlLoop loop, Hardware.IDeviceIo io, TimeProvider time, LoopHeartbeat heartbeat,
        IHostApplicationLifetime lifetime, IOptions<ControlLoopOptions> options, ILogger<ControlLoopRunner> logger)
    {
        _realTimePriority = options.Value.RealTimePriority;
        _loop = loop;
        _io = io;
        _time = time;
        _heartbeat = heartbeat;
        _lifetime = lifetime;
        _logger = logger;
    }

    /// <summary>Lateness of each tick against its deadline, in timestamp units, for the benchmarks (ring of the last 64k).</summary>
    public TickLatenessRecorder Lateness { get; } = new(65536);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loop.Start();
        _thread = new Thread(Run) { Name = "control-loop", IsBackground = true, Priority = ThreadPriority.Highest };
        _thread.Start();
        return Task.CompletedTask;
    }

    /// <summary>The loop's thread is ticking (started, not stopping).</summary>
    public bool IsRunning => _thread is { IsAlive: true } && !_stopping;

    /// <summary>
    /// Ends the loop and drives everything safe. A running session was stopped before this, by
    /// <c>SessionShutdown</c>, while the loop still ticked.
    /// </summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        _thread?.Join(TimeSpan.FromSeconds(2));
        _io.DriveSafe();
        return Task.CompletedTask;
    }

    private void Run()
    {
        EnterRealTime();
        var period = _loop.PeriodTimestampTicks;
        var deadline = _time.GetTimestamp();
        try
        {
            while (!_stopping)
            {
                WaitUntil(deadline);
                var started = _time.GetTimestamp();
                Lateness.Record(started - deadline);
                if (started - deadline > period)
                {
                    // Woke more than a tick late (the loop counts the missed ticks): this tick anchors the schedule
                    // instead of a burst to catch up, so the moment it is due is one the next ticks keep to.
                    deadline = started;
                }

                _loop.Tick(deadline);
                _heartbeat.Beat(_time.GetTimestamp());
                deadline += period;
                var now = _time.GetTimestamp();
                if (now - deadline > period)
                {
                    // The tick itself overran by more than a period: re-anchor on its end instead of bursting.
                    deadline = now;
                }
            }
        }
        catch (Exception ex)
        {
            _io.DriveSafe();
            LogLoopFailed(ex);
            _lifetime.StopApplication();
        }
    }

    private void EnterRealTime()
    {
        if (_realTimePriority == 0)
        {
            return;
        }

        if (RealTimeScheduling.TryEnterFifo(_realTimePriority) is { } why)
        {
            // Not fatal: the loop still runs, and the loop-health rule still trips if it misses ticks.
            LogNoRealTime(why);
        }
    }

    private void WaitUntil(long deadline)
    {
        var remaining = _time.GetElapsedTime(_time.GetTimestamp(), deadline);
        if (remaining > SpinMargin)
        {
            Thread.Sleep(remaining - SpinMargin);
        }

        var spinner = default(SpinWait);
        while (_time.GetTimestamp() < deadline)
        {
            if (spinner.NextSpinWillYield)
            {
                spinner = default;
            }

            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }

    public void Dispose() => _stopping = true;

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "The control loop runs without real-time priority, so a busy system can delay its ticks: {Reason}. Run the service with LimitRTPRIO= or CAP_SYS_NICE (docs/deployment.md)")]
    private partial void LogNoRealTime(string reason);

    [LoggerMessage(EventId = 100, Level = LogLevel.Critical, Message = "The control loop failed; outputs were driven safe and the service is stopping")]
    private partial void LogLoopFailed(Exception ex);
}
