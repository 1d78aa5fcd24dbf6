using System.Diagnostics;
using System.Net.Sockets;

namespace AmpsDevice.Dashboard.Tests.Support;

/// <summary>
/// A real mosquitto (device users dev-a, dev-b and any extra ones, the dashboard user) on a free 127.0.0.1 port, configured from docs/deployment/mosquitto.conf and amps.acl (the
/// listener/TLS block and the paths replaced), with a generated password file. Killed in Dispose.
/// </summary>
public sealed class MosquittoBroker : IDisposable
{
    public const string DashboardUser = "dashboard";
    public const string DashboardPassword = "dash-secret";
    public const string DeviceA = "dev-a";
    public const string DeviceB = "dev-b";
    public const string DevicePassword = "device-secret";

    private static readonly string[] ReplacedKeys =
        ["listener", "cafile", "certfile", "keyfile", "tls_version", "password_file", "acl_file", "persistence_location", "log_dest", "user"];

    private readonly string _dir;
    private readonly string _config;
    private Process? _process;

    public MosquittoBroker(params string[] extraDevices)
    {
        Executable = File.Exists("/usr/sbin/mosquitto") ? "/usr/sbin/mosquitto" : "mosquitto";
        _dir = Paths.NewTempDirectory("mosquitto");
        Port = Paths.FreePort();
        var passwd = Path.Combine(_dir, "amps.passwd");
        Run("mosquitto_passwd", $"-b -c {passwd} {DashboardUser} {DashboardPassword}");
        Run("mosquitto_passwd", $"-b {passwd} {DeviceA} {DevicePassword}");
        Run("mosquitto_passwd", $"-b {passwd} {DeviceB} {DevicePassword}");
        foreach (var device in extraDevices)
        {
            RunArgs("mosquitto_passwd", ["-b", passwd, device, DevicePassword]);
        }
        var acl = Path.Combine(_dir, "amps.acl");
        File.Copy(Path.Combine(Paths.RepoRoot, "docs", "deployment", "amps.acl"), acl);
        var persistence = Path.Combine(_dir, "persist") + "/";
        Directory.CreateDirectory(persistence);

        var kept = File.ReadAllLines(Path.Combine(Paths.RepoRoot, "docs", "deployment", "mosquitto.conf"))
            .Where(line => !ReplacedKeys.Contains(line.Trim().Split(' ', 2)[0]));
        _config = Path.Combine(_dir, "mosquitto.conf");
        File.WriteAllLines(_config, kept.Concat(
        [
            $"password_file {passwd}",
            $"acl_file {acl}",
            $"persistence_location {persistence}",
            "log_dest stderr",
            "user root",
            $"listener {Port} 127.0.0.1",
        ]));
        Start();
    }

    public string Executable { get; }

    public int Port { get; }

    public bool IsRunning => _process is { HasExited: false };

    public string DeviceUri(string device = DeviceA, string password = DevicePassword) => $"mqtt://{device}:{password}@127.0.0.1:{Port}";

    public void Start()
    {
        var psi = new ProcessStartInfo(Executable, $"-c {_config}")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        _process = Process.Start(psi)!;
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(5))
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
                Thread.Sleep(20);
            }
        }

        throw new TimeoutException($"mosquitto did not listen on {Port} within 5 s");
    }

    /// <summary>Stops the broker: SIGTERM (it saves its persistent sessions) or SIGKILL.</summary>
    public void Stop(bool kill = false)
    {
        if (_process is null || _process.HasExited)
        {
            return;
        }

        if (kill)
        {
            _process.Kill();
        }
        else
        {
            Run("kill", $"-TERM {_process.Id}");
        }

        if (!_process.WaitForExit(5000))
        {
            _process.Kill();
            _process.WaitForExit(2000);
        }

        _process.Dispose();
        _process = null;
    }

    public void Dispose()
    {
        Stop(kill: true);
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static void RunArgs(string file, string[] args)
    {
        using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        if (!p.WaitForExit(5000) || p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} failed: {p.StandardError.ReadToEnd()}");
        }
    }

    private static void Run(string file, string args)
    {
        using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        if (!p.WaitForExit(5000) || p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {args} failed: {p.StandardError.ReadToEnd()}");
        }
    }
}
