using System.Diagnostics;
using System.Globalization;
using AmpsDevice.Dashboard.History;
using AmpsDevice.Dashboard.Storage;
using AmpsDevice.Dashboard.Tests.Support;
using Microsoft.Data.Sqlite;

namespace AmpsDevice.Dashboard.Tests.History;

/// <summary>
/// mosquitto configured as docs/deployment says, the dashboard as its own process (stopped, killed and started again
/// by the tests, always with the same MQTT client id and data directory) and the device service on the simulator,
/// plus the dashboard's database for the tests to read.
/// </summary>
public sealed class HistoryStack : IDisposable
{
    public const string Profile = """
        {"schema":"amps.profile/1","name":"Outage check (plan level 2)","painStopAt":7,"steps":[
          {"kind":"thermal","pad":"pad1","targetC":35.0,"rampCPerS":1.0,"holdS":28},
          {"kind":"vibration","channel":"vib1","frequencyHz":120,"amplitude":0.3,"durationS":20,"pattern":"continuous"}]}
        """;

    private readonly string _dir = TempDirectory.Create("history-stack");
    private readonly int _httpPort = FreePort.Next();
    private ChildProcess? _dashboard;
    private ChildProcess? _device;

    public HistoryStack(params string[] extraDevices)
    {
        Broker = MosquittoBroker.WithDevices(extraDevices);
        Database = new Database(DashboardData);
    }

    public MosquittoBroker Broker { get; }

    public Database Database { get; }

    public HistoryQueries Queries => new(Database, TimeProvider.System);

    public string DashboardData => Path.Combine(_dir, "dashboard");

    public string DeviceData => Path.Combine(_dir, "device");

    public ChildProcess Dashboard => _dashboard!;

    public ChildProcess Device => _device!;

    /// <summary>Starts the dashboard and returns once it is subscribed (it logs its MQTT connection).</summary>
    public async Task StartDashboardAsync()
    {
        _dashboard?.Dispose();
        _dashboard = new ChildProcess("dotnet", ["exec", DashboardStack.DashboardDll, "--urls", $"http://127.0.0.1:{_httpPort}",
            "--contentRoot", Repository.PathOf("dashboard"),
            "--mqtt", $"mqtt://{MosquittoBroker.DashboardUser}:{MosquittoBroker.DashboardPassword}@127.0.0.1:{Broker.Port}",
            "--data", DashboardData, "--Dashboard:ClientId=dashboard-history-test"]);
        await WaitForAsync(() => _dashboard.Logged("MQTT connected") && _dashboard.Logged("Application started"), TimeSpan.FromSeconds(60),
            () => "the dashboard did not start and connect: " + _dashboard.Output);
    }

    /// <summary>SIGTERM: the host stops, the historian writes and acknowledges what it holds.</summary>
    public void StopDashboard()
    {
        using (var kill = Process.Start("kill", ["-TERM", Dashboard.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        Assert.Equal(0, Dashboard.WaitForExit(TimeSpan.FromSeconds(40)));
    }

    /// <summary>SIGKILL: nothing written or acknowledged after this instant.</summary>
    public void KillDashboard() => Dashboard.Kill();

    public void StartDevice(string deviceId = MosquittoBroker.DeviceA)
    {
        _device?.Dispose();
        Directory.CreateDirectory(DeviceData);
        _device = new ChildProcess("dotnet", ["exec", Repository.BuiltOutput("firmware-host", "ampsdevice.dll"), "run", "--simulate", "--allow-remote-start",
            "--mqtt", Broker.DeviceUri(deviceId), "--device-id", deviceId, "--data", DeviceData]);
    }

    /// <summary>Sends <c>session.start</c> over MQTT as the dashboard's broker user (what the console's start button does).</summary>
    public Task StartSessionAsync(string deviceId = MosquittoBroker.DeviceA, string patientId = "p-001") =>
        DeviceCommands.StartSessionAsync(Broker, deviceId, patientId, Profile, () => _device?.Output ?? "");

    /// <summary>Telemetry seqs stored for a device, per boot, in device time.</summary>
    public async Task<IReadOnlyList<(string BootId, long Seq)>> TelemetryAsync(string deviceId = MosquittoBroker.DeviceA)
    {
        await using var connection = await Database.OpenAsync();
        return [.. await connection.QueryAsync("SELECT boot_id, seq FROM history_telemetry WHERE device_id = @deviceId ORDER BY at_us, seq", new { deviceId }, r => (r.Text(0), r.Long(1)))];
    }

    public async Task<long> CountAsync(string table)
    {
        await using var connection = await Database.OpenAsync();
        return await connection.ScalarAsync($"SELECT COUNT(*) FROM {table}");
    }

    public static async Task WaitForAsync(Func<bool> condition, TimeSpan timeout, Func<string> what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < timeout, $"not within {timeout.TotalSeconds} s: {what()}");
            await Task.Delay(250);
        }
    }

    public static async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < timeout, $"not within {timeout.TotalSeconds} s: {what()}");
            await Task.Delay(250);
        }
    }

    public void Dispose()
    {
        _dashboard?.Dispose();
        _device?.Dispose();
        Broker.Dispose();
        Database.Dispose();
        SqliteConnection.ClearAllPools();
        TempDirectory.TryDelete(_dir);
    }
}
