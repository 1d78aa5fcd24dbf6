using AmpsDevice.FirmwareHost.Control;
using AmpsDevice.FirmwareHost.Safety.Watchdog;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AmpsDevice.Control.Tests.Control;

/// <summary>
/// The loop's own thread: its schedule (each tick on its deadline, which its observers see, re-anchored after a stall
/// rather than bursting), its heartbeat, its real-time priority, and how it ends (stopped, disposed, or failed). The
/// loop runs at 1 kHz on a clock that moves 10 µs each time it is read, so the schedule is exact however busy the
/// machine is.
/// </summary>
public sealed class ControlLoopRunnerTests
{
    private const long PeriodUs = 1000;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Started_it_ticks_on_a_background_thread_of_its_own_beating_the_heartbeat_and_stopped_it_ends_with_everything_safe()
    {
        var rig = new RunnerRig();
        var threads = new List<(string? Name, bool Background)>();
        rig.Bench.Loop.AddObserver(new Each((in TickView _) => threads.Add((Thread.CurrentThread.Name, Thread.CurrentThread.IsBackground))));
        Assert.False(rig.Runner.IsRunning);

        await rig.Runner.StartAsync(CancellationToken.None);
        WaitFor(() => rig.Bench.Loop.TickCount >= 20, "20 ticks");
        Assert.True(rig.Runner.IsRunning);
        await rig.Runner.StopAsync(CancellationToken.None);

        Assert.False(rig.Runner.IsRunning);
        var calls = rig.Bench.Io.CallsNow();
        Assert.Equal("safe", calls[0]);
        Assert.Equal("safe", calls[^1]);
        Assert.Equal(2, calls.Count(c => c == "safe"));
        Assert.All(threads, t => Assert.Equal(("control-loop", true), t));
        Assert.True(rig.Heartbeat.Last >= rig.Bench.Loop.LastWriteTimestamp, "the heartbeat did not beat after the last tick");
        Assert.Equal(rig.Bench.Loop.TickCount, rig.Runner.Lateness.Count);

        // Nothing is written after the stop.
        Thread.Sleep(50);
        Assert.Equal(calls.Length, rig.Bench.Io.CallsNow().Length);
    }

    [Fact]
    public async Task Each_tick_starts_on_its_deadline_and_a_stalled_tick_re_anchors_the_schedule_instead_of_bursting()
    {
        var rig = new RunnerRig();
        var starts = new List<long>();
        rig.Bench.Loop.AddObserver(new Each((in TickView tick) =>
        {
            starts.Add(tick.Timestamp);
            if (tick.TickNumber == 10)
            {
                rig.Clock.Jump(5 * PeriodUs); // this tick takes five periods
            }
        }));

        await rig.Runner.StartAsync(CancellationToken.None);
        WaitFor(() => rig.Bench.Loop.TickCount >= 30, "30 ticks");
        await rig.Runner.StopAsync(CancellationToken.None);

        var gaps = starts.Zip(starts.Skip(1), (a, b) => b - a).ToArray();
        Assert.InRange(gaps[10], 5 * PeriodUs, (5 * PeriodUs) + 100);
        Assert.All(gaps.Where((_, i) => i != 10), g => Assert.InRange(g, PeriodUs - 50, PeriodUs + 50));
        // A tick starts on the clock's first reading at its deadline (10 µs later), or at once after the schedule is
        // anchored (at the start, and after the stall): 30 µs, three readings.
        var late = rig.Runner.Lateness.Snapshot();
        Assert.All(late, l => Assert.Contains(l, new long[] { 10, 30 }));
        Assert.Equal(2, late.Count(l => l == 30));
    }

    [Fact]
    public async Task A_tick_that_wakes_more_than_a_period_late_anchors_the_schedule_and_is_due_when_it_started()
    {
        var rig = new RunnerRig();
        var ticks = new List<(long Start, long Due)>();
        rig.Bench.Loop.AddObserver(new Each((in TickView tick) =>
        {
            ticks.Add((tick.Timestamp, tick.DueTimestamp));
            if (tick.TickNumber == 10)
            {
                // Not this tick's work: the clock jumps after the runner has planned the next deadline, on the first
                // reading of its wait (the heartbeat, the overrun check, then the wait), as if the thread woke two
                // periods late.
                rig.Clock.JumpAtRead(3, 3000);
            }
        }));

        await rig.Runner.StartAsync(CancellationToken.None);
        WaitFor(() => rig.Bench.Loop.TickCount >= 20, "20 ticks");
        await rig.Runner.StopAsync(CancellationToken.None);

        var late = rig.Runner.Lateness.Snapshot();
        Assert.InRange(late[11], 2000, 2100);   // recorded as late as it was
        Assert.Equal(10, ticks[11].Start - ticks[11].Due);   // anchored on the reading it started at: due then, not two periods before
        Assert.All(Enumerable.Range(12, 7), i =>
        {
            Assert.Equal(PeriodUs, ticks[i].Due - ticks[i - 1].Due);   // no burst: the next ticks a period apart from it
            Assert.InRange(ticks[i].Start - ticks[i].Due, 0, 50);
        });
        Assert.All(Enumerable.Range(1, 10), i => Assert.Equal(PeriodUs, ticks[i].Due - ticks[i - 1].Due));
    }

    [Fact]
    public async Task A_tick_that_overruns_by_less_than_a_period_is_caught_up_at_once_and_the_schedule_keeps_its_deadlines()
    {
        var rig = new RunnerRig();
        var starts = new List<long>();
        var dues = new List<long>();
        rig.Bench.Loop.AddObserver(new Each((in TickView tick) =>
        {
            starts.Add(tick.Timestamp);
            dues.Add(tick.DueTimestamp);
            if (tick.TickNumber == 10)
            {
                rig.Clock.Jump(1800); // the next deadline passes by more than half a period
            }
        }));

        await rig.Runner.StartAsync(CancellationToken.None);
        WaitFor(() => rig.Bench.Loop.TickCount >= 20, "20 ticks");
        await rig.Runner.StopAsync(CancellationToken.None);

        Assert.Equal(2 * PeriodUs, starts[12] - starts[10]);
        Assert.Equal(PeriodUs, starts[13] - starts[12]);
        Assert.Equal([PeriodUs, PeriodUs], [dues[11] - dues[10], dues[12] - dues[11]]);   // the late tick is due on its deadline
        Assert.InRange(starts[11] - dues[11], 800, PeriodUs);
        var late = rig.Runner.Lateness.Snapshot();
        Assert.InRange(late[11], 800, PeriodUs);
        Assert.All(late.Where((_, i) => i != 11), l => Assert.Contains(l, new long[] { 10, 30 }));
    }

    [Fact]
    public async Task A_loop_that_throws_drives_everything_safe_says_why_and_stops_the_service()
    {
        var rig = new RunnerRig();
        await rig.Runner.StartAsync(CancellationToken.None);
        WaitFor(() => rig.Bench.Loop.TickCount >= 5, "5 ticks");

        rig.Bench.Io.ThrowOnRead = new InvalidOperationException("the bus is gone");

        Assert.True(rig.Lifetime.Stopping.Wait(Patience), "the service was not stopped");
        WaitFor(() => !rig.Runner.IsRunning, "the loop's thread to end");
        Assert.Equal(["read", "safe"], rig.Bench.Io.CallsNow()[^2..]);
        var failed = Assert.Single(rig.Log.Entries, e => e.Level == LogLevel.Critical);
        Assert.Equal(100, failed.EventId);
        Assert.Equal("the bus is gone", failed.Exception?.Message);
        await rig.Runner.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Disposing_the_runner_ends_its_thread()
    {
        var rig = new RunnerRig();
        await rig.Runner.StartAsync(CancellationToken.None);
        WaitFor(() => rig.Bench.Loop.TickCount >= 5, "5 ticks");

        rig.Runner.Dispose();

        Assert.False(rig.Runner.IsRunning);
        var ticks = rig.Bench.Loop.TickCount;
        Thread.Sleep(100);
        Assert.InRange(rig.Bench.Loop.TickCount, ticks, ticks + 1);
        Assert.False(rig.Lifetime.Stopping.IsSet);
    }

    [Fact]
    public async Task With_a_priority_the_loop_runs_under_sched_fifo_where_the_system_grants_it_and_warns_where_not()
    {
        var rig = new RunnerRig(realTimePriority: 40);

        var fifo = await FifoOfThreeTicks(rig, () => rig.Runner.StartAsync(CancellationToken.None));

        if (fifo.All(f => f))
        {
            Assert.Empty(rig.Log.Entries);
        }
        else
        {
            // Not root, no CAP_SYS_NICE, no RLIMIT_RTPRIO (a developer's machine): refused, and said so.
            Assert.All(fifo, Assert.False);
            Assert.Equal((LogLevel.Warning, 101), (Assert.Single(rig.Log.Entries).Level, rig.Log.Entries[0].EventId));
        }
    }

    [Fact]
    public async Task With_priority_0_the_loop_stays_a_normal_thread()
    {
        var rig = new RunnerRig(realTimePriority: 0);

        var fifo = await FifoOfThreeTicks(rig, () => rig.Runner.StartAsync(CancellationToken.None));

        Assert.All(fifo, Assert.False);
        Assert.Empty(rig.Log.Entries);
    }

    [Fact]
    public async Task Refused_real_time_the_loop_runs_anyway_and_warns_why()
    {
        var rig = new RunnerRig(realTimePriority: 40);

        var fifo = await FifoOfThreeTicks(rig, () => WithoutRealTimeRights.Run(() => rig.Runner.StartAsync(CancellationToken.None)));

        Assert.All(fifo, Assert.False);
        var warning = Assert.Single(rig.Log.Entries);
        Assert.Equal((LogLevel.Warning, 101), (warning.Level, warning.EventId));
        Assert.Contains("sched_setscheduler(SCHED_FIFO, 40) failed: Operation not permitted (errno 1)", warning.Message, StringComparison.Ordinal);
    }

    /// <summary>Starts the runner with <paramref name="start"/>, lets it tick three times and stops it: whether each tick ran under SCHED_FIFO.</summary>
    private static async Task<List<bool>> FifoOfThreeTicks(RunnerRig rig, Func<Task> start)
    {
        var fifo = new List<bool>();
        rig.Bench.Loop.AddObserver(new Each((in TickView _) => fifo.Add(RealTimeScheduling.IsFifo())));
        await start();
        WaitFor(() => rig.Bench.Loop.TickCount >= 3, "3 ticks");
        await rig.Runner.StopAsync(CancellationToken.None);
        Assert.NotEmpty(fifo);
        return fifo;
    }

    private static void WaitFor(Func<bool> condition, string what)
    {
        var until = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, $"waited {Patience.TotalSeconds} s for {what}");
            Thread.Sleep(5);
        }
    }

    /// <summary>A runner over a <see cref="LoopBench"/> at 1 kHz on a <see cref="SteppingClock"/>.</summary>
    private sealed class RunnerRig
    {
        public RunnerRig(int realTimePriority = 0)
        {
            var options = new ControlLoopOptions { TickRateHz = 1000, RealTimePriority = realTimePriority };
            Bench = new LoopBench(options, time: Clock);
            Runner = new ControlLoopRunner(Bench.Loop, Bench.Io, Clock, Heartbeat, Lifetime, Options.Create(options), Log);
        }

        public SteppingClock Clock { get; } = new();

        public LoopBench Bench { get; }

        public LoopHeartbeat Heartbeat { get; } = new();

        public StoppingLifetime Lifetime { get; } = new();

        public ListLogger Log { get; } = new();

        public ControlLoopRunner Runner { get; }
    }

    /// <summary>Microsecond timestamps that move 10 µs each time one is read, and jump when the test says.</summary>
    private sealed class SteppingClock : TimeProvider
    {
        private long _now = 1_000_000;

        public override long TimestampFrequency => 1_000_000;

        private long _readsToJump;
        private long _jumpUs;

        public override long GetTimestamp()
        {
            if (Interlocked.Decrement(ref _readsToJump) == 0)
            {
                Interlocked.Add(ref _now, _jumpUs);
            }

            return Interlocked.Add(ref _now, 10);
        }

        public void Jump(long us) => Interlocked.Add(ref _now, us);

        /// <summary>Jumps <paramref name="us"/> on the <paramref name="reads"/>-th reading from now, before it returns.</summary>
        public void JumpAtRead(int reads, long us)
        {
            _jumpUs = us;
            Volatile.Write(ref _readsToJump, reads);
        }
    }

    private delegate void TickAction(in TickView tick);

    private sealed class Each(TickAction action) : ITickObserver
    {
        public void OnTick(in TickView tick) => action(tick);
    }

    private sealed class StoppingLifetime : IHostApplicationLifetime
    {
        public ManualResetEventSlim Stopping { get; } = new();

        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication() => Stopping.Set();
    }

    private sealed class ListLogger : ILogger<ControlLoopRunner>
    {
        public List<(LogLevel Level, int EventId, string Message, Exception? Exception)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Entries)
            {
                Entries.Add((logLevel, eventId.Id, formatter(state, exception), exception));
            }
        }
    }
}
