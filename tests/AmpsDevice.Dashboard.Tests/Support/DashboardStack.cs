using System.Diagnostics;
using System.Net;

namespace AmpsDevice.Dashboard.Tests.Support;

/// <summary>
/// What a clinic runs, each its own real process: mosquitto (configured as docs/deployment says), the device
/// service <c>ampsdevice run --simulate</c> and the dashboard <c>ampsdashboard</c>, with a therapist and an
/// observer added through the dashboard's users command.
/// </summary>
public sealed class DashboardStack : IDisposable
{
    public const string Therapist = "thera";
    public const string Observer = "obs";
    public const string Password = "correct-horse-1";

    /// <summary>The dashboard's payload limit in these tests: below the broker's own 256 KiB, so an oversize payload reaches it.</summary>
    public const int MaxPayloadBytes = 64 * 1024;

    private readonly string _data;
    private readonly string[] _deviceOptions;
    private DeviceProcess? _device;

    /// <param name="deviceOptions">Options of <c>ampsdevice run --simulate</c>; null: no device process (the test brings its own).</param>
    /// <param name="extraDevices">More device users the broker accepts.</param>
    public DashboardStack(string[]? deviceOptions, params string[] extraDevices)
    {
        _deviceOptions = deviceOptions ?? [];
        Broker = MosquittoBroker.WithDevices(extraDevices);
        _data = TempDirectory.Create("dashboard-stack");
        Users("add", Therapist, "--role", "therapist", "--password-stdin");
        Users("add", Observer, "--role", "observer", "--password-stdin");
        if (deviceOptions is not null)
        {
            StartDevice();
        }

        var port = FreePort.Next();
        BaseUrl = $"http://127.0.0.1:{port}";
        Dashboard = new ChildProcess("dotnet", ["exec", DashboardDll, "--urls", BaseUrl, "--contentRoot", Repository.PathOf("dashboard"),
            "--mqtt", $"mqtt://{MosquittoBroker.DashboardUser}:{MosquittoBroker.DashboardPassword}@127.0.0.1:{Broker.Port}",
            "--data", Path.Combine(_data, "dashboard"), $"--Dashboard:ClientId=dashboard-test-{port}", $"--Dashboard:MaxPayloadBytes={MaxPayloadBytes}"]);
        WaitForHttp();
    }

    /// <summary>The dashboard as built in its own output folder (same configuration as these tests).</summary>
    public static string DashboardDll => Repository.BuiltOutput("dashboard", "ampsdashboard.dll");

    public MosquittoBroker Broker { get; }

    public ChildProcess Dashboard { get; }

    public DeviceProcess Device => _device!;

#pragma warning disable CA1822 // read through the instance in the tests, like the broker and the URL
    public string DeviceId => MosquittoBroker.DeviceA;
#pragma warning restore CA1822

    public string BaseUrl { get; }

    /// <summary>The id of the profile stored on the device (its data directory's <c>profiles/</c>): the level-1 example.</summary>
    public const string StoredProfileId = "warmth-level1";

    public void StartDevice()
    {
        _device?.Dispose();
        var profiles = Path.Combine(_data, "device", "profiles");
        Directory.CreateDirectory(profiles);
        File.Copy(Repository.PathOf("docs", "examples", "warmth-vibration-level1.json"), Path.Combine(profiles, StoredProfileId + ".json"), overwrite: true);
        _device = DeviceProcess.Prioritized(Broker.DeviceUri(), MosquittoBroker.DeviceA, Path.Combine(_data, "device"), _deviceOptions);
    }

    private void Users(params string[] args)
    {
        using var users = new ChildProcess("dotnet", ["exec", DashboardDll, "users", .. args.Skip(0), "--data", Path.Combine(_data, "dashboard")], Password);
        var code = users.WaitForExit(TimeSpan.FromSeconds(60));
        if (code != 0)
        {
            throw new InvalidOperationException($"ampsdashboard users {string.Join(' ', args)} exited {code}: {users.Output}");
        }
    }

    private void WaitForHttp()
    {
        using var http = new HttpClient();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (Dashboard.HasExited)
            {
                throw new InvalidOperationException("the dashboard exited: " + Dashboard.Output);
            }

            try
            {
                if (http.GetAsync(BaseUrl + "/login").Result.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (AggregateException)
            {
            }

            Thread.Sleep(200);
        }

        throw new TimeoutException("the dashboard did not answer within 60 s: " + Dashboard.Output);
    }

    public void Dispose()
    {
        Dashboard.Dispose();
        _device?.Dispose();
        Broker.Dispose();
        TempDirectory.TryDelete(_data);
    }
}
