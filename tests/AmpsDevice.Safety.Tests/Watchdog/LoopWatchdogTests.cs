using System.Collections.Concurrent;
using AmpsDevice.FirmwareHost.Control;
using AmpsDevice.FirmwareHost.Safety.Watchdog;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AmpsDevice.Safety.Tests.Watchdog;

/// <summary>
/// The watchdogs are fed only while the control loop ticks: a hung loop starves systemd's watchdog (which then
/// restarts the service) and the kernel's (which resets the board); a clean stop disarms the kernel's.
/// </summary>
public sealed class LoopWatchdogTests
{
    private sealed class RecordingNotifier : ISystemdNotifier
    {
        public ConcurrentQueue<(long At, string State)> Sent { get; } = new();

        public bool IsEnabled => true;

        public void Notify(ServiceState state) => Sent.Enqueue((TimeProvider.System.GetTimestamp(), state.ToString()));
    }

    [Fact]
    public async Task Systemd_is_petted_while_the_loop_beats_and_starved_once_it_stops()
    {
        var heartbeat = new LoopHeartbeat();
        var notifier = new RecordingNotifier();
        using var watchdog = new LoopWatchdog(heartbeat, TimeProvider.System, Options.Create(new WatchdogOptions { LoopAliveWithinMs = 100 }),
            NullLogger<LoopWatchdog>.Instance, notifier, systemdInterval: TimeSpan.FromMilliseconds(400));
        using var beating = new CancellationTokenSource();
        var loop = Task.Run(async () =>
        {
            while (!beating.IsCancellationRequested)
            {
                heartbeat.Beat(TimeProvider.System.GetTimestamp());
                await Task.Delay(5, CancellationToken.None);
            }
        }, CancellationToken.None);

        await watchdog.StartAsync(CancellationToken.None);
        await WaitUntilAsync(() => notifier.Sent.Count >= 3, TimeSpan.FromSeconds(10));
        Assert.All(notifier.Sent, s => Assert.Equal("WATCHDOG=1", s.State));

        // The loop hangs: after the alive window has passed, not one more keep-alive.
        await beating.CancelAsync();
        await loop;
        var hungAt = TimeProvider.System.GetTimestamp();
        await Task.Delay(1200);
        var afterHang = notifier.Sent.Count(s => TimeProvider.System.GetElapsedTime(hungAt, s.At) > TimeSpan.FromMilliseconds(150));
        Assert.Equal(0, afterHang);

        await watchdog.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task The_kernel_watchdog_is_fed_while_the_loop_beats_and_disarmed_with_the_magic_close_on_a_clean_stop()
    {
        var device = Path.Combine(Path.GetTempPath(), "amps-watchdog-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllBytesAsync(device, []);
        try
        {
            var heartbeat = new LoopHeartbeat();
            using var watchdog = new LoopWatchdog(heartbeat, TimeProvider.System,
                Options.Create(new WatchdogOptions { LoopAliveWithinMs = 5000, KernelDevice = device }),
                NullLogger<LoopWatchdog>.Instance, systemd: null, systemdInterval: null);
            heartbeat.Beat(TimeProvider.System.GetTimestamp());
            await watchdog.StartAsync(CancellationToken.None);
            await WaitUntilAsync(() => new FileInfo(device).Length >= 1, TimeSpan.FromSeconds(10));
            await watchdog.StopAsync(CancellationToken.None);

            var written = await File.ReadAllBytesAsync(device);
            Assert.True(written.Length >= 2, $"{written.Length} bytes written");
            Assert.All(written[..^1], b => Assert.Equal(0, b));
            Assert.Equal((byte)'V', written[^1]);
        }
        finally
        {
            File.Delete(device);
        }
    }

    [Fact]
    public async Task A_loop_that_never_beat_never_feeds_the_kernel_watchdog()
    {
        var device = Path.Combine(Path.GetTempPath(), "amps-watchdog-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllBytesAsync(device, []);
        try
        {
            using var watchdog = new LoopWatchdog(new LoopHeartbeat(), TimeProvider.System,
                Options.Create(new WatchdogOptions { KernelDevice = device }), NullLogger<LoopWatchdog>.Instance, systemd: null, systemdInterval: null);
            await watchdog.StartAsync(CancellationToken.None);
            await Task.Delay(2500);
            await watchdog.StopAsync(CancellationToken.None);
            var written = await File.ReadAllBytesAsync(device);
            Assert.Equal("V", System.Text.Encoding.ASCII.GetString(written));
        }
        finally
        {
            File.Delete(device);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(20);
        }
    }
}
