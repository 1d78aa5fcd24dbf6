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
            .Validate(o => o.RetentionDays is null or > 0, "Dashboard:History:RetentionDays: a number of days, at least 1 (leave it out to keep everything)")
            .ValidateOnStart();
        services.AddSingleton<HistoryWriter>();
        services.AddSingleton<HistoryQueries>();
        services.AddSingleton<HistoryPruner>();
        services.AddHostedService<HistoryRetention>();
        services.AddSingleton<HistoryRecorder>();
        services.AddSingleton<IDeviceMessageSink>(sp => sp.GetRequiredService<HistoryRecorder>());
        services.AddHostedService(sp => sp.GetRequiredService<HistoryRecorder>());
        return services;
    }
}
