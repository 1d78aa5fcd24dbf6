using System.Diagnostics;
using AmpsDevice.FirmwareHost.Sessions;
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
    /// <summary>The reason recorded for a session the service's own stop (SIGTERM) ended.</summary>
    public const string ServiceStoppingReason = "service stopping";

    /// <summary>How long the loop keeps running, outputs safe, after the service's stop ended a session.</summary>
    public static readonly TimeSpan SafeHoldOnStop = TimeSpan.FromMilliseconds(300);

    /// <summary>Wake-up margin before a deadline, covered by spinning (OS sleep granularity on Linux is ~0.1 ms).</summary>
    private static readonly TimeSpan SpinMargin = TimeSpan.FromMilliseconds(0.4);

    private readonly ControlLoop _loop;
    private readonly Hardware.IDeviceIo _io;
    private readonly TimeProvider _time;
    private readonly LoopHeartbeat _heartbeat;
    private readonly ILogger<ControlLoopRunner> _logger;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly int _realTimePriority;
    private readonly SessionEngine _engine;
    private Thread? _thread;
    private volatile bool _stopping;

    public ControlLoopRunner(ControlLoop loop, Hardware.IDeviceIo io, TimeProvider time, LoopHeartbeat heartbeat,
        IHostApplicationLifetime lifetime, SessionEngine engine, IOptions<ControlLoopOptions> options, ILogger<ControlLoopRunner> logger)
    {
        _realTimePriority = options.Value.RealTimePriority;
        _engine = engine;
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

    /// <summary>
    /// Stops a running session the way a therapist would (recorded as stopped, reason "service stopping"),
    /// lets the loop carry that out and hold the outputs safe, then ends the loop and drives everything safe.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!_engine.State.IsFinished() && _thread is { IsAlive: true })
        {
            var stop = _engine.Post(new SessionCommand.Stop(CommandOrigin.Local) { Reason = ServiceStoppingReason });
            try
            {
                await stop.WaitAsync(SessionController.CommandTimeout, _time, cancellationToken).ConfigureAwait(false);

                // A few more ticks with the outputs held safe, so that the records and telemetry show the safe state.
                await Task.Delay(SafeHoldOnStop, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
            {
                LogStopNotTaken();
            }
        }

        _stopping = true;
        _thread?.Join(TimeSpan.FromSeconds(2));
        _io.DriveSafe();
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
                _loop.Tick();
                _heartbeat.Beat(_time.GetTimestamp());
                deadline += period;
                var now = _time.GetTimestamp();
                if (now - deadline > period)
                {
                    // Fell behind by more than a tick (the loop counts the missed ticks): re-anchor instead of bursting.
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

    [LoggerMessage(EventId = 102, Level = LogLevel.Error, Message = "The control loop did not take the session stop in time; outputs are driven safe anyway")]
    private partial void LogStopNotTaken();

    [LoggerMessage(EventId = 100, Level = LogLevel.Critical, Message = "The control loop failed; outputs were driven safe and the service is stopping")]
    private partial void LogLoopFailed(Exception ex);
}

/// <summary>The last time the control loop completed a tick: what the watchdogs check.</summary>
public sealed class LoopHeartbeat
{
    private long _last;

    public void Beat(long timestamp) => Volatile.Write(ref _last, timestamp);

    public long Last => Volatile.Read(ref _last);
}

/// <summary>A preallocated ring of tick lateness samples (timestamp units).</summary>
public sealed class TickLatenessRecorder(int capacity)
{
    private readonly long[] _samples = new long[capacity];
    private long _count;

    public void Record(long lateness)
    {
        _samples[_count % _samples.Length] = lateness;
        _count++;
    }

    /// <summary>A copy of the samples held, oldest order not preserved.</summary>
    public long[] Snapshot() => _samples.AsSpan(0, (int)Math.Min(_count, _samples.Length)).ToArray();

    public long Count => _count;

    /// <summary>Converts timestamp units to milliseconds.</summary>
    public static double ToMs(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
