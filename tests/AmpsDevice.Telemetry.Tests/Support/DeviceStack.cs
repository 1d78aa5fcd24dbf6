using AmpsDevice.FirmwareHost.Control;
using AmpsDevice.FirmwareHost.Hardware;
using AmpsDevice.FirmwareHost.Sessions;
using AmpsDevice.FirmwareHost.Storage;
using AmpsDevice.FirmwareHost.Telemetry;
using AmpsDevice.Protocol.Messages;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AmpsDevice.Telemetry.Tests.Support;

/// <summary>
/// The telemetry side of a device in a host, wired exactly as the composition root does (AddDeviceTelemetry),
/// with a fake session layer and a tick generator standing in for the control loop.
/// </summary>
public sealed class DeviceStack : IAsyncDisposable
{
    public static readonly DeviceShape Shape = new(["pad1", "pad2"], ["vib1", "vib2"], ["pressure1", "pressure2"]);

    private readonly IHost _host;
    private readonly SensorFrame _sensors = Shape.CreateSensorFrame();
    private readonly ActuatorFrame _outputs = Shape.CreateActuatorFrame();
    private CancellationTokenSource? _ticking;
    private Task? _ticker;
    private long _tick;

    public DeviceStack(string? brokerUri, string deviceId, string dataDirectory, IDictionary<string, string?>? extra = null, TimeProvider? time = null)
    {
        DataDirectory = dataDirectory;
        var settings = new Dictionary<string, string?>
        {
            ["Mqtt:BrokerUri"] = brokerUri,
            ["Mqtt:DeviceId"] = deviceId,
            // Fast for tests: every tick sampled, 5 samples a message, quick reconnects.
            ["Mqtt:ControlLoopHz"] = "100",
            ["Mqtt:TelemetryRateHz"] = "100",
            ["Mqtt:BatchSize"] = "5",
            ["Mqtt:ConnectionCheckInterval"] = "00:00:00.2",
            ["Mqtt:ReconnectMinDelay"] = "00:00:00.1",
            ["Mqtt:ReconnectMaxDelay"] = "00:00:00.5",
            ["Mqtt:LateAfter"] = "00:00:01",
        };
        foreach (var (k, v) in extra ?? new Dictionary<string, string?>())
        {
            settings[k] = v;
        }

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(Shape);
        builder.Services.AddSingleton<IDeviceCommands>(Commands);
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        builder.Services.AddSingleton(new DataDirectory(dataDirectory));
        builder.Services.AddSingleton(sp => new DeviceIdentity(
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<MqttOptions>>().Value.DeviceId, HardwareMode.Simulated));
        builder.Services.AddDeviceTelemetry(builder.Configuration);
        _host = builder.Build();
    }

    public FakeDeviceCommands Commands { get; } = new();

    public string DataDirectory { get; }

    public IServiceProvider Services => _host.Services;

    public T Get<T>() where T : notnull => _host.Services.GetRequiredService<T>();

    public Task StartAsync() => _host.StartAsync();

    public async Task StopAsync()
    {
        await StopTicksAsync();
        await _host.StopAsync(TimeSpan.FromSeconds(10));
    }

    private static SensorValue Reading(double value) => new() { Value = value, Ok = true, Fresh = true };

    /// <summary>Feeds one control tick with values derived from the tick number (pad1.measuredC = 30 + tick/1000).</summary>
    public void Tick()
    {
        var n = _tick++;
        _sensors.Pads[0].ControlC = Reading(30 + (n / 1000.0));
        _sensors.Pads[0].SafetyC = Reading(30.5);
        _sensors.Pads[1].ControlC = Reading(22);
        _sensors.Pads[1].SafetyC = Reading(22.25);
        _outputs.Pads[0] = new PadOutput { Enabled = true, Drive = 0.5 };
        _outputs.Vibration[0] = new VibrationOutput { FrequencyHz = 120, Amplitude = 0.4 };
        _sensors.Pressure[0].ForceN = Reading(10);
        var observers = _host.Services.GetServices<ITickObserver>();
        foreach (var o in observers)
        {
            o.OnTick(new TickView(0, n / 100.0, n, _sensors, _outputs, safe: false, Shape));
        }
    }

    /// <summary>Runs the "control loop" at about 100 Hz until stopped.</summary>
    public void StartTicks()
    {
        _ticking = new CancellationTokenSource();
        var token = _ticking.Token;
        _ticker = Task.Run(async () =>
        {
            var next = DateTime.UtcNow;
            while (!token.IsCancellationRequested)
            {
                Tick();
                next = next.AddMilliseconds(10);
                var wait = next - DateTime.UtcNow;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, CancellationToken.None);
                }
            }
        }, CancellationToken.None);
    }

    public async Task StopTicksAsync()
    {
        if (_ticking is null)
        {
            return;
        }

        await _ticking.CancelAsync();
        await _ticker!;
        _ticking.Dispose();
        _ticking = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopTicksAsync();
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
