using System.Diagnostics;
using System.Net.Sockets;

namespace AmpsDevice.Bench.Support;

/// <summary>
/// A local mosquitto on a free loopback port with a generated minimal configuration (anonymous, no
/// persistence, queues large enough for an outbox drain). Started and stopped on demand; killed on dispose.
/// </summary>
public sealed class BenchBroker : IDisposable
{
    private readonly string _dir;
    private readonly string _config;
    private Process? _process;

    public BenchBroker()
    {
        Executable = File.Exists("/usr/sbin/mosquitto") ? "/usr/sbin/mosquitto" : "mosquitto";
        _dir = RepoPaths.NewTempDirectory("amps-bench-mosquitto");
        Port = FreePort.Next();
        _config = Path.Combine(_dir, "mosquitto.conf");
        File.WriteAllLines(_config,
        [
            $"listener {Port} 127.0.0.1",
            "allow_anonymous true",
            "persistence false",
            "max_queued_messages 0",
            "max_inflight_messages 0",
            "log_dest none",
        ]);
    }

    public string Executable { get; }

    public int Port { get; }

    public string Uri => $"mqtt://127.0.0.1:{Port}";

    public void Start()
    {
        var psi = new ProcessStartInfo(Executable, ["-c", _config]) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        _process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {Executable}");
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(5))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"mosquitto exited with {_process.ExitCode}; config {_config}");
            }

            try
            {
                using var probe = new TcpClient();
                probe.Connect("127.0.0.1", Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(10);
            }
        }

        throw new TimeoutException($"mosquitto did not listen on {Port} within 5 s");
    }

    public void Stop()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }

        _process?.Dispose();
        _process = null;
    }

    public void Dispose()
    {
        Stop();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // left in /tmp
        }
    }
}
