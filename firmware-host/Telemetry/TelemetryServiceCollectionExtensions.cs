using AmpsDevice.FirmwareHost.Control;
using AmpsDevice.FirmwareHost.Hardware;
using AmpsDevice.FirmwareHost.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AmpsDevice.FirmwareHost.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>
    /// The MQTT side of the device: options (section <c>Mqtt</c>, validated on start), the outbox,
    /// <see cref="IDevicePublisher"/>, <see cref="IOutboxHealth"/>, the connection, the command handler, the embedded
    /// broker when <c>Mqtt:BrokerUri</c> is empty, and <see cref="TelemetryTickObserver"/> as an
    /// <see cref="ITickObserver"/>. The caller provides <c>IDeviceCommands</c>, <see cref="DeviceShape"/>,
    /// <see cref="DeviceIdentity"/> (who the device is and whether its hardware is simulated, known once it is
    /// opened), the <see cref="DataDirectory"/> and (optionally) <see cref="TimeProvider"/>, with an
    /// <see cref="IClockSleeper"/> for a clock that is stepped rather than real (the batcher sleeps through it).
    /// Call it before registering the session layer's hosted services, so that on shutdown the session layer
    /// stops (and publishes its last state) before the connection publishes <c>offline</c> and closes.
    /// </summary>
    public static IServiceCollection AddDeviceTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MqttOptions>()
            .Bind(configuration.GetSection(MqttOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MqttOptions>, MqttOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IClockSleeper>(sp => new ClockSleeper(sp.GetRequiredService<TimeProvider>()));

        services.TryAddSingleton(sp => new TickSampleRing(sp.GetRequiredService<DeviceShape>(), sp.GetRequiredService<IOptions<MqttOptions>>().Value.RingCapacity));
        services.TryAddSingleton<TelemetryTickObserver>();
        services.AddSingleton<ITickObserver>(sp => sp.GetRequiredService<TelemetryTickObserver>());
        services.TryAddSingleton<Outbox>();
        services.TryAddSingleton<IOutboxHealth>(sp => sp.GetRequiredService<Outbox>());
        services.TryAddSingleton<CommandHandler>();
        services.TryAddSingleton<MqttConnection>();
        services.TryAddSingleton<OutboxSender>();
        services.TryAddSingleton<TelemetryBatcher>();
        services.TryAddSingleton<DevicePublisher>();
        services.TryAddSingleton<IDevicePublisher>(sp => sp.GetRequiredService<DevicePublisher>());

        // Hosted services start in this order and stop in reverse: broker, connection, sender, batcher.
        if (string.IsNullOrWhiteSpace(configuration[$"{MqttOptions.SectionName}:BrokerUri"]))
        {
            services.TryAddSingleton<EmbeddedBroker>();
            services.AddHostedService(sp => sp.GetRequiredService<EmbeddedBroker>());
        }

        services.AddHostedService(sp => sp.GetRequiredService<MqttConnection>());
        services.AddHostedService(sp => sp.GetRequiredService<OutboxSender>());
        services.AddHostedService(sp => sp.GetRequiredService<TelemetryBatcher>());
        return services;
    }
}
