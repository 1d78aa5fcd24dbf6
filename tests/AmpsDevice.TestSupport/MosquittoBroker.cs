using System.Diagnostics;
using System.Net.Sockets;

namespace AmpsDevice.TestSupport;

/// <summary>How a <see cref="MosquittoBroker"/> is configured.</summary>
public enum MosquittoSetup
{
    /// <summary>
    /// docs/deployment/mosquitto.conf and amps.acl (the listener/TLS block and the paths replaced) with a generated
    /// password file for <see cref="MosquittoBroker.DashboardUser"/>, <see cref="MosquittoBroker.DeviceA"/> and
    /// <see cref="MosquittoBroker.DeviceB"/>: the clinic's broker, as the tests need it.
    /// </summary>
    Deployment,

    /// <summary>Anonymous, no persistence, unlimited queues (an outbox drain must not be held back): for the bench.</summary>
    Anonymous,
}

/// <summary>A real mosquitto on a free 127.0.0.1 port, started by the constructor and killed in Dispose.</summary>
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
    private readonly string[] _extraDevices;
    private Process? _process;

    /// <summary>A <see cref="MosquittoSetup.Deployment"/> broker (the one public constructor, as an xunit class fixture needs).</summary>
    public MosquittoBroker()
        : this(MosquittoSetup.Deployment)
    {
    }

    private MosquittoBroker(MosquittoSetup setup, params string[] extraDevices)
    {
        _extraDevices = extraDevices;
        Executable = File.Exists("/usr/sbin/mosquitto") ? "/usr/sbin/mosquitto" : "mosquitto";
        _dir = TempDirectory.Create("mosquitto");
        Port = FreePort.Next();
        _config = Path.Combine(_dir, "mosquitto.conf");
        File.WriteAllLines(_config, setup == MosquittoSetup.Deployment ? DeploymentConfig() : AnonymousConfig());
        Start();
    }

    /// <summary>A <see cref="MosquittoSetup.Deployment"/> broker that also knows <paramref name="extraDevices"/> (password <see cref="DevicePassword"/>).</summary>
    public static MosquittoBroker WithDevices(params string[] extraDevices) => new(MosquittoSetup.Deployment, extraDevices);

    /// <summary>An <see cref="MosquittoSetup.Anonymous"/> broker.</summary>
    public static MosquittoBroker Anonymous() => new(MosquittoSetup.Anonymous);

    public string Executable { get; }

    public int Port { get; }

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The address without credentials (an <see cref="MosquittoSetup.Anonymous"/> broker).</summary>
    public string Uri => $"mqtt://127.0.0.1:{Port}";

    /// <summary>The address with a device's credentials (a <see cref="MosquittoSetup.Deployment"/> broker).</summary>
    public string DeviceUri(string device = DeviceA, string password = DevicePassword) => $"mqtt://{device}:{password}@127.0.0.1:{Port}";

    /// <summary>Starts mosquitto and returns once it accepts connections (within 5 s).</summary>
    public void Start()
    {
        var psi = new ProcessStartInfo(Executable, ["-c", _config])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        _process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {Executable}");
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
            Run("kill", "-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
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
        TempDirectory.TryDelete(_dir);
    }

    private IEnumerable<string> DeploymentConfig()
    {
        var passwd = Path.Combine(_dir, "amps.passwd");
        Run("mosquitto_passwd", "-b", "-c", passwd, DashboardUser, DashboardPassword);
        Run("mosquitto_passwd", "-b", passwd, DeviceA, DevicePassword);
        Run("mosquitto_passwd", "-b", passwd, DeviceB, DevicePassword);
        foreach (var device in _extraDevices)
        {
            Run("mosquitto_passwd", "-b", passwd, device, DevicePassword);
        }
        var acl = Path.Combine(_dir, "amps.acl");
        File.Copy(Repository.PathOf("docs", "deployment", "amps.acl"), acl);
        var persistence = Path.Combine(_dir, "persist") + "/";
        Directory.CreateDirectory(persistence);

        var kept = File.ReadAllLines(Repository.PathOf("docs", "deployment", "mosquitto.conf"))
            .Where(line => !ReplacedKeys.Contains(line.Trim().Split(' ', 2)[0]));
        return kept.Concat(
        [
            $"password_file {passwd}",
            $"acl_file {acl}",
            $"persistence_location {persistence}",
            "log_dest stderr",
            "user root",
            $"listener {Port} 127.0.0.1",
        ]);
    }

    private string[] AnonymousConfig() =>
    [
        $"listener {Port} 127.0.0.1",
        "allow_anonymous true",
        "persistence false",
        "max_queued_messages 0",
        "max_inflight_messages 0",
        "log_dest none",
    ];

    private static void Run(string file, params string[] args)
    {
        using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        if (!p.WaitForExit(5000) || p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed: {p.StandardError.ReadToEnd()}");
        }
    }
}
