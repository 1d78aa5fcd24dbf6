using AmpsDevice.FirmwareHost.Hardware;
using AmpsDevice.FirmwareHost.Hardware.Simulated;
using AmpsDevice.FirmwareHost.Hosting;
using AmpsDevice.Simulator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AmpsDevice.TestSupport;

/// <summary>
/// The whole device service in this process, composed exactly as <c>ampsdevice run --simulate</c> composes it
/// (AddDevice), in real time, with the simulated hardware reachable so a test can press its buttons.
/// </summary>
public sealed class FullDevice : IAsyncDisposable
{
    private readonly IHost _host;

    public FullDevice(string brokerUri, string deviceId, string dataDirectory, bool allowRemoteStart)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        // The shipped device map (appsettings.json is copied next to ampsdevice.dll), then this test's settings.
        builder.Configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: false);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Device:Simulate"] = "true",
            ["Device:DataDirectory"] = dataDirectory,
            ["Mqtt:BrokerUri"] = brokerUri,
            ["Mqtt:DeviceId"] = deviceId,
            ["Session:AllowRemoteStart"] = allowRemoteStart ? "true" : "false",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddDevice(builder.Configuration);

        _host = builder.Build();
        _ = _host.Services.GetRequiredService<IDeviceIo>();
    }

    /// <summary>The simulated hardware behind the real drivers.</summary>
    public SimulatedDevice Hardware => ((SimulatedHardwareFactory)_host.Services.GetRequiredService<IHardwareFactory>()).Device;

    public Task StartAsync()
    {
        RaiseThisProcessPriority();
        return _host.StartAsync();
    }

    /// <summary>
    /// The control loop composed here runs in the test's own process: its threads go to nice -10 first, for the reason
    /// <see cref="DeviceProcess.Prioritized"/> gives (the tests run as root; elsewhere renice is refused and they keep
    /// their priority). Threads started afterwards, the control loop's among them, inherit it.
    /// </summary>
    private static void RaiseThisProcessPriority()
    {
        string[] threads = [.. Directory.EnumerateDirectories("/proc/self/task").Select(t => Path.GetFileName(t))];
        using var renice = new ChildProcess("renice", ["-n", "-10", "-p", .. threads]);
        renice.WaitForExit(TimeSpan.FromSeconds(10));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync(TimeSpan.FromSeconds(10));
        }
        catch (OperationCanceledException)
        {
        }

        _host.Dispose();
    }
}
