using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using AmpsDevice.Protocol.Messages;
using AmpsDevice.Protocol.Topics;
using AmpsDevice.Telemetry.Tests.Support;

namespace AmpsDevice.Telemetry.Tests;

/// <summary>
/// The built <c>ampsdevice run --simulate</c> as systemd runs a <c>Type=notify</c> unit with <c>WatchdogSec=</c>:
/// a notify socket in <c>NOTIFY_SOCKET</c>, the interval in <c>WATCHDOG_USEC</c>, and a parent process named
/// <c>systemd</c> (which is how Microsoft.Extensions.Hosting.Systemd recognises its manager). No systemd runs
/// here, so a copy of the shell named <c>systemd</c> plays the parent and this test plays the notify socket.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SystemdTests
{
    private static readonly DeviceTopics Topics = new(MosquittoBroker.DeviceA);

    [Fact]
    public async Task Under_systemd_the_service_reports_ready_keeps_the_watchdog_fed_and_stops_cleanly_on_sigterm()
    {
        using var broker = new MosquittoBroker();
        await using var dashboard = await TestSubscriber.ConnectAsync(broker.Port, MosquittoBroker.DashboardUser, MosquittoBroker.DashboardPassword,
            "dash-systemd", persistent: false, Topics.Prefix + "#");
        var dir = TempDirectory.Create("systemd");
        var socketPath = Path.Combine(dir, "notify.sock");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(socketPath));
        var received = new ConcurrentQueue<(DateTime At, string Text)>();
        using var listening = new CancellationTokenSource();
        var listener = ListenAsync(socket, received, listening.Token);

        var parent = Path.Combine(dir, "systemd");
        File.Copy(Path.GetFullPath("/bin/sh"), parent);
        File.SetUnixFileMode(parent, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        var exe = Path.Combine(AppContext.BaseDirectory, "ampsdevice.dll");
        // "; exit $?" keeps the shell as the parent instead of exec-ing dotnet in its place.
        var psi = new ProcessStartInfo(parent, ["-c", "dotnet exec \"$0\" run --simulate --mqtt \"$1\" --device-id \"$2\" --data \"$3\"; exit $?",
            exe, broker.DeviceUri(), MosquittoBroker.DeviceA, Path.Combine(dir, "data")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.Environment["NOTIFY_SOCKET"] = socketPath;
        psi.Environment["WATCHDOG_USEC"] = "2000000";
        using var shell = Process.Start(psi)!;
        var output = new StringBuilder();
        shell.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        shell.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        shell.BeginOutputReadLine();
        shell.BeginErrorReadLine();
        try
        {
            await WaitUntilAsync(() => received.Any(r => r.Text.Contains("READY=1", StringComparison.Ordinal)), 30, "READY=1", output);
            var online = Json.Status(await dashboard.WaitForAsync(Topics.Status, m => Json.Status(m).State == DeviceState.Online, timeoutS: 20));

            // WatchdogSec=2 s: the service pets at a quarter of it while the control loop ticks.
            var readyAt = received.First(r => r.Text.Contains("READY=1", StringComparison.Ordinal)).At;
            await WaitUntilAsync(() => received.Count(r => r.Text == "WATCHDOG=1" && r.At > readyAt) >= 3, 10, "three WATCHDOG=1", output);

            // systemctl stop: SIGTERM to the main process.
            var service = ChildOf(shell.Id);
            using (var kill = Process.Start("kill", ["-TERM", service.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(40));
            await shell.WaitForExitAsync(exited.Token);
            Assert.True(shell.ExitCode == 0, $"exit code {shell.ExitCode}; output:\n{output}");
            Assert.Contains(received, r => r.Text.Contains("STOPPING=1", StringComparison.Ordinal));
            var offline = Json.Status(await dashboard.WaitForAsync(Topics.Status,
                m => Json.Status(m).State == DeviceState.Offline && Json.Status(m).BootId == online.BootId, timeoutS: 5));
            Assert.Equal("shutdown", offline.Reason);
        }
        finally
        {
            if (!shell.HasExited)
            {
                shell.Kill(entireProcessTree: true);
            }

            await listening.CancelAsync();
            await listener;
        }
    }

    private static async Task ListenAsync(Socket socket, ConcurrentQueue<(DateTime, string)> received, CancellationToken token)
    {
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var n = await socket.ReceiveAsync(buffer, SocketFlags.None, token);
                received.Enqueue((DateTime.UtcNow, Encoding.UTF8.GetString(buffer, 0, n).Trim()));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static int ChildOf(int pid)
    {
        var children = File.ReadAllText($"/proc/{pid}/task/{pid}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return int.Parse(Assert.Single(children), CultureInfo.InvariantCulture);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, double seconds, string what, StringBuilder output)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"no {what} within {seconds} s; service output:\n{output}");
            await Task.Delay(50);
        }
    }
}
