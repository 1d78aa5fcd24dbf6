using AmpsDevice.Dashboard.Devices;

namespace AmpsDevice.Dashboard.History;

public static class HistoryServices
{
    /// <summary>The historian: register after <c>AddDevices</c>, so that it stops (and writes what it holds) before the MQTT connection closes.</summary>
    public static IServiceCollection AddHistory(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HistoryOptions>()
            .Bind(configuration.GetSection(HistoryOptions.SectionName))
            .Validate(o => o.QueueCapacity > 0 && o.MaxBatch > 0, "Dashboard:History: QueueCapacity and MaxBatch must be positive")
            .ValidateOnStart();
        services.AddSingleton<HistoryWriter>();
        services.AddSingleton<HistoryRecorder>();
        services.AddSingleton<IDeviceMessageSink>(sp => sp.GetRequiredService<HistoryRecorder>());
        services.AddHostedService(sp => sp.GetRequiredService<HistoryRecorder>());
        return services;
    }
}
