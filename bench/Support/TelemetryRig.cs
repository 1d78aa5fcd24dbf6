using System.Diagnostics;
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

namespace AmpsDevice.Bench.Support;

/// <summary>
/// The device's telemetry pipeline exactly as the service composes it (<c>AddDeviceTelemetry</c>: ring, batcher,
/// encoder, SQLite outbox, sender, MQTT connection) at the service's normal rate (100 Hz loop, 10 samples/s,
/// 10 samples a message), against a broker URI. The bench plays the control loop: it writes samples into the ring.
/// </summary>
public sealed class TelemetryRig : IAsyncDisposable
{
    public const string DeviceId = "bench-device";

    private readonly IHost _host;
    private readonly SampleSource _source;

    /// <param name="warnings">Where the composition's warnings and errors go; none kept without one.</param>
    public TelemetryRig(string brokerUri, string dataDirectory, ILoggerProvider? warnings = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mqtt:BrokerUri"] = brokerUri,
            ["Mqtt:DeviceId"] = DeviceId,
            ["Mqtt:RingCapacity"] = "20000",
            // The cadence the telemetry goals name (one message of 10 samples a second), whatever the default.
            ["Mqtt:BatchSize"] = "10",
        });
        builder.Logging.ClearProviders();
        if (warnings is not null)
        {
            builder.Logging.AddProvider(warnings);
        }

        builder.Services.AddSingleton(Shape);
        builder.Services.AddSingleton<IDeviceCommands, RefusingCommands>();
        builder.Services.AddSingleton(new DataDirectory(dataDirectory));
        builder.Services.AddSingleton(sp => new DeviceIdentity(
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<MqttOptions>>().Value.DeviceId, HardwareMode.Simulated));
        builder.Services.AddDeviceTelemetry(builder.Configuration);
        _host = builder.Build();
        Ring = Get<TickSampleRing>();
        Batcher = Get<TelemetryBatcher>();
        Options = Get<Microsoft.Extensions.Options.IOptions<MqttOptions>>().Value;
        _source = new SampleSource(Ring, Options);
    }

    /// <summary>The default device map's channels.</summary>
    public static DeviceShape Shape { get; } = new(["pad1", "pad2"], ["vib1", "vib2"], ["pressure1", "pressure2"]);

    public static string TelemetryTopic => $"amps/v1/{DeviceId}/telemetry";

    public TickSampleRing Ring { get; }

    public TelemetryBatcher Batcher { get; }

    public MqttOptions Options { get; }

    public T Get<T>() where T : notnull => _host.Services.GetRequiredService<T>();

    public Task StartAsync() => _host.StartAsync();

    /// <summary>Waits until the MQTT connection is up.</summary>
    public async Task WaitConnectedAsync(TimeSpan timeout)
    {
        var connection = Get<MqttConnection>();
        var deadline = DateTime.UtcNow + timeout;
        while (!connection.IsConnected)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the telemetry pipeline did not connect to the broker");
            }

            await Task.Delay(10);
        }
    }

    /// <summary>
    /// Writes <paramref name="count"/> samples into the ring, as the control loop's observer does, the last one's tick
    /// due at <paramref name="due"/> (a <see cref="Stopwatch"/> timestamp; now if null); returns the
    /// wall-clock time (ticks) the last one is stamped with.
    /// </summary>
    public long WriteSamples(int count, long? due = null) => _source.Write(count, due);

    /// <summary>The wall-clock time (ticks) the last sample written is stamped with (0 before the first).</summary>
    public long LastStamp => _source.LastStamp;

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

    /// <summary>Plausible every-channel samples (both pads driven, both tactors on, pressure on one channel).</summary>
    public sealed class SampleSource(TickSampleRing ring, MqttOptions options)
    {
        private readonly SensorFrame _sensors = Shape.CreateSensorFrame();
        private readonly ActuatorFrame _outputs = Shape.CreateActuatorFrame();
        private long _sample;

        /// <summary>The wall-clock time (ticks) the last sample written is stamped with (0 before the first).</summary>
        public long LastStamp { get; private set; }

        /// <summary>
        /// Writes <paramref name="count"/> samples at once, stamped as the control loop would have stamped them, one
        /// sample period apart and the last one now. Stamped all now, a batcher that looked in the middle of the burst
        /// saw a batch that seemed to have just begun and slept a sample period for each sample missing (701 ms for a
        /// message in a run of 300), a wait the service's batcher never has: its samples come one a period. Each sample
        /// carries how long after <paramref name="due"/> (a <see cref="Stopwatch"/> timestamp) it is
        /// stamped, as the service's samples carry theirs.
        /// </summary>
        /// <returns>The wall-clock time (ticks) the last sample is stamped with.</returns>
        public long Write(int count, long? due = null)
        {
            var now = DateTime.UtcNow.Ticks;
            var sinceDue = due is { } dueAt ? Stopwatch.GetElapsedTime(dueAt).Ticks : 0;
            var period = TimeSpan.FromSeconds(options.SamplePeriodS).Ticks;
            for (var i = 0; i < count; i++)
            {
                var n = _sample++;
                _sensors.Pads[0].ControlC.Value = 32 + (n % 100 / 10.0);
                _sensors.Pads[0].SafetyC.Value = 32.1 + (n % 100 / 10.0);
                _sensors.Pads[1].ControlC.Value = 24.5;
                _sensors.Pads[1].SafetyC.Value = 24.4;
                _sensors.Pressure[0].ForceN.Value = 10.2;
                _sensors.Pressure[1].ForceN.Value = 3.3;
                _outputs.Pads[0] = new PadOutput { Enabled = true, Drive = 0.41 };
                _outputs.Pads[1] = new PadOutput { Enabled = true, Drive = -0.63 };
                _outputs.Vibration[0] = new VibrationOutput { FrequencyHz = 120, Amplitude = 0.3 };
                _outputs.Vibration[1] = new VibrationOutput { FrequencyHz = 200, Amplitude = 0.2 };
                ring.TryWrite(_sensors, _outputs, n * options.SamplePeriodS, false, now - ((count - 1 - i) * period), sinceDueTicks: sinceDue);
            }

            LastStamp = now;
            return now;
        }
    }

    /// <summary>The bench sends no commands; any that arrived would be refused.</summary>
    private sealed class RefusingCommands : IDeviceCommands
    {
        private static ValueTask<CommandResult> Refuse() => ValueTask.FromResult(new CommandResult(false, "bench device takes no commands", null, null));

        public ValueTask<CommandResult> StartSessionAsync(StartSessionRequest request, CommandOrigin origin, CancellationToken cancellationToken) => Refuse();

        public ValueTask<CommandResult> PauseAsync(CommandOrigin origin, CancellationToken cancellationToken) => Refuse();

        public ValueTask<CommandResult> ResumeAsync(CommandOrigin origin, CancellationToken cancellationToken) => Refuse();

        public ValueTask<CommandResult> StopAsync(CommandOrigin origin, CancellationToken cancellationToken) => Refuse();

        public ValueTask<CommandResult> AcknowledgeAlarmsAsync(CommandOrigin origin, CancellationToken cancellationToken) => Refuse();

        public ValueTask<CommandResult> RatePainAsync(int value, CommandOrigin origin, CancellationToken cancellationToken) => Refuse();
    }
}
