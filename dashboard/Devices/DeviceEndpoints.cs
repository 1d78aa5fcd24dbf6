using AmpsDevice.Dashboard.Profiles;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AmpsDevice.Dashboard.Devices;

/// <summary>Live device state for any signed-in user: lists, details and the Server-Sent Event streams the pages follow.</summary>
public static class DeviceEndpoints
{
    public static IServiceCollection AddDevices(this IServiceCollection services)
    {
        services.AddSingleton<LiveFeed>();
        services.AddSingleton<DeviceRegistry>();
        services.AddSingleton<SessionTimelines>();
        services.AddSingleton<DeviceBus>();
        services.AddHostedService(sp => sp.GetRequiredService<DeviceBus>());
        services.AddHostedService<StalenessWatch>();
        return services;
    }

    public static WebApplication MapDevices(this WebApplication app)
    {
        var api = app.MapGroup("/api/devices").RequireAuthorization().WithTags("Devices");
        api.MapGet("/", (DeviceRegistry registry) => TypedResults.Ok(registry.Summaries()))
            .WithSummary("Every device heard on the broker, devices with alarms first");
        api.MapGet("/live", (DeviceRegistry registry, DeviceBus bus, LiveFeed feed, CancellationToken ct) =>
                TypedResults.ServerSentEvents(feed.StreamAsync(null, () => LiveFeed.Item("devices", new ClinicSnapshot(bus.IsConnected, registry.Summaries())), ct)))
            .WithSummary("Server-Sent Events for the clinic view: 'devices' (all, first), then 'summary' per change and 'broker'");
        api.MapGet("/{deviceId}", Results<Ok<DeviceDetail>, NotFound> (string deviceId, DeviceRegistry registry) =>
                registry.Detail(deviceId) is { } detail ? TypedResults.Ok(detail) : TypedResults.NotFound())
            .WithSummary("One device: state, session, alarms, recent events and samples");
        api.MapGet("/{deviceId}/live", (string deviceId, DeviceRegistry registry, DeviceBus bus, LiveFeed feed, CancellationToken ct) =>
                TypedResults.ServerSentEvents(feed.StreamAsync(deviceId, () => LiveFeed.Item("detail", new ConsoleSnapshot(bus.IsConnected, registry.Detail(deviceId))), ct)))
            .WithSummary("Server-Sent Events for a console: 'detail' (first), then 'telemetry', 'session', 'event', 'alarms', 'status', 'summary', 'broker'");
        return app;
    }

    /// <summary>Once a second: a device whose telemetry went silent is shown stale (and back) without waiting for its Will.</summary>
    private sealed class StalenessWatch(DeviceRegistry registry) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
            try
            {
                while (await timer.WaitForNextTickAsync(stoppingToken))
                {
                    registry.Sweep();
                }
            }
            catch (OperationCanceledException)
            {
            }
        }
    }
}
