using AmpsDevice.FirmwareHost.Control;
using AmpsDevice.FirmwareHost.Hardware;
using AmpsDevice.FirmwareHost.Safety;
using AmpsDevice.FirmwareHost.Safety.Watchdog;
using AmpsDevice.FirmwareHost.Sessions;
using AmpsDevice.FirmwareHost.Sessions.Records;
using AmpsDevice.FirmwareHost.Sessions.Plans;
using AmpsDevice.FirmwareHost.Storage;
using AmpsDevice.Protocol.Profiles;
using AmpsDevice.FirmwareHost.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using AmpsDevice.Protocol.Envelope;

namespace AmpsDevice.FirmwareHost.Hosting;

/// <summary>
/// The device service's parts, in the order data flows: hardware, safety, control, sessions, telemetry.
/// </summary>
public static class DeviceServices
{
    /// <summary>Registers the whole device service.</summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configuration">The host's configuration.</param>
    /// <param name="opened">The hardware, when the caller has opened it already (<see cref="DeviceHardware.Open"/>).</param>
    public static IServiceCollection AddDevice(this IServiceCollection services, IConfiguration configuration, DeviceHardware? opened = null)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<DeviceOptions>().Bind(configuration.GetSection(DeviceOptions.SectionName))
            .Validate(o => !string.IsNullOrWhiteSpace(o.DataDirectory), $"{DeviceOptions.SectionName}:{nameof(DeviceOptions.DataDirectory)}: no data directory given")
            .ValidateOnStart();
        services.AddSingleton(sp => new DataDirectory(sp.GetRequiredService<IOptions<DeviceOptions>>().Value.DataDirectory));
        services.AddOptions<SafetyOptions>().Bind(configuration.GetSection(SafetyOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SafetyOptions>, SafetyOptionsValidator>();
        services.AddOptions<ControlLoopOptions>().Bind(configuration.GetSection(ControlLoopOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ControlLoopOptions>, ControlLoopOptionsValidator>();
        services.AddOptions<SessionOptions>().Bind(configuration.GetSection(SessionOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SessionOptions>, SessionOptionsValidator>();
        services.AddOptions<WatchdogOptions>().Bind(configuration.GetSection(WatchdogOptions.SectionName));

        // Hardware: opening the device drives every output safe before anything else happens. `run` opens it
        // before building the host and hands it in; otherwise it opens when first asked for.
        services.AddSingleton(sp => opened ?? DeviceHardware.Open(configuration, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => sp.GetRequiredService<DeviceHardware>().Factory);
        services.AddSingleton(sp => sp.GetRequiredService<DeviceHardware>().Io);
        services.AddSingleton(sp => sp.GetRequiredService<IDeviceIo>().Shape);
        services.AddSingleton(sp => new DeviceIdentity(
            sp.GetRequiredService<IOptions<MqttOptions>>().Value.DeviceId, sp.GetRequiredService<DeviceHardware>().Mode));

        // The core (safety supervisor and alarms, session engine, envelope, control loop), composed as simulate composes it.
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<SafetyOptions>>().Value.ToLimits());
        services.AddSingleton(sp => new DeviceCore(sp.GetRequiredService<IDeviceIo>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<ControlLoopOptions>>().Value, sp.GetRequiredService<IOptions<SessionOptions>>().Value,
            sp.GetRequiredService<LimitSet>()));
        services.AddSingleton(sp => sp.GetRequiredService<DeviceCore>().Alarms);
        services.AddSingleton(sp => sp.GetRequiredService<DeviceCore>().Supervisor);
        services.AddSingleton(sp => sp.GetRequiredService<DeviceCore>().Safety);
        services.AddSingleton(sp => sp.GetRequiredService<DeviceCore>().Engine);
        services.AddSingleton(sp => sp.GetRequiredService<DeviceCore>().Envelope);

        // The loop, with every observer attached here, before anything can start it: the tick observers (telemetry,
        // records), the session observers (records, the MQTT forwarder, plan progression) and those of the alarm book
        // and the outbox. Nothing registers itself.
        services.AddSingleton(sp =>
        {
            var core = sp.GetRequiredService<DeviceCore>();
            foreach (var observer in sp.GetServices<ITickObserver>())
            {
                core.AddTickObserver(observer);
            }

            foreach (var observer in sp.GetServices<ISessionObserver>())
            {
                core.AddSessionObserver(observer);
            }

            var recorder = sp.GetRequiredService<SessionRecorder>();
            var forwarder = sp.GetRequiredService<SessionEventForwarder>();
            core.Alarms.Changed += recorder.OnAlarmsChanged;
            core.Alarms.Changed += forwarder.OnAlarmsChanged;
            sp.GetRequiredService<IOutboxHealth>().HealthChanged += forwarder.OnOutboxHealthChanged;
            return core.Loop;
        });
        services.AddSingleton<LoopHeartbeat>();

        // Sessions.
        services.AddSingleton(sp => new ProfileStore(sp.GetRequiredService<DataDirectory>().Path));
        services.AddSingleton<IProfileCatalog, ProfileCatalog>();
        services.AddSingleton(sp => new PlanStore(sp.GetRequiredService<DataDirectory>().Path, sp.GetRequiredService<ProfileEnvelope>()));
        services.AddSingleton<PlanProgression>();
        services.AddSingleton<ISessionObserver>(sp => sp.GetRequiredService<PlanProgression>());
        services.AddHostedService(sp => sp.GetRequiredService<PlanProgression>());
        services.AddSingleton<IDeviceCommands>(sp => new SessionController(
            sp.GetRequiredService<SessionEngine>(), sp.GetRequiredService<SafetySupervisor>(), sp.GetRequiredService<DeviceShape>(),
            sp.GetRequiredService<ProfileEnvelope>(), sp.GetRequiredService<ProfileStore>(),
            plans: sp.GetRequiredService<PlanStore>(), progression: sp.GetRequiredService<PlanProgression>()));

        // Telemetry first, so that it stops after the control loop has recorded the session's end.
        services.AddDeviceTelemetry(configuration);
        services.AddSingleton<SessionEventForwarder>();
        services.AddSingleton<ISessionObserver>(sp => sp.GetRequiredService<SessionEventForwarder>());

        // Records: the recorder sees the loop's ticks; its writer's service starts before and stops after the
        // control loop, so that a session the service's stop ends is recorded as stopped.
        services.AddSingleton(sp => new RecordStore(sp.GetRequiredService<DataDirectory>().Path));
        services.AddSingleton(sp => new SessionRecorder(sp.GetRequiredService<DeviceShape>(),
            sp.GetRequiredService<IOptions<ControlLoopOptions>>().Value.TickRateHz, sp.GetRequiredService<SessionEngine>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ITickObserver>(sp => sp.GetRequiredService<SessionRecorder>());
        services.AddSingleton<ISessionObserver>(sp => sp.GetRequiredService<SessionRecorder>());
        services.AddSingleton<RecordWriter>();
        services.AddHostedService<RecordService>();
        services.AddHostedService(sp => sp.GetRequiredService<SessionEventForwarder>());
        services.AddSingleton<ControlLoopRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<ControlLoopRunner>());
        services.AddHostedService<SessionShutdown>(); // after the runner: stopped before it, while the loop still ticks
        services.AddHostedService(sp => new LoopWatchdog(sp.GetRequiredService<LoopHeartbeat>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<WatchdogOptions>>(), sp.GetRequiredService<ILogger<LoopWatchdog>>(),
            sp.GetService<ISystemdNotifier>(), LoopWatchdog.SystemdIntervalFromEnvironment()));
        services.AddHostedService<StartupMilestones>();
        return services;
    }
}
