using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using AmpsDevice.Protocol.Connection;

namespace AmpsDevice.Dashboard.Hosting;

public static partial class DashboardConfiguration
{
    public static WebApplicationBuilder AddDashboardConfiguration(this WebApplicationBuilder builder)
    {
        var urls = builder.Configuration["urls"];
        if (string.IsNullOrWhiteSpace(urls) && string.IsNullOrWhiteSpace(builder.Configuration["http_ports"]))
        {
            builder.WebHost.UseUrls(DashboardOptions.DefaultUrl);
        }

        // wwwroot from the source tree when started with `dotnet run` (any environment); a published app has it beside itself.
        builder.WebHost.UseStaticWebAssets();

        // Type=notify under systemd (docs/deployment/ampsdashboard.service); nothing changes elsewhere.
        builder.Host.UseSystemd();
        builder.Services.AddOptions<DashboardOptions>()
            .Bind(builder.Configuration.GetSection(DashboardOptions.SectionName))
            .Validate(o => BrokerAddress.TryParse(o.Mqtt, out _, out _), "Dashboard:Mqtt: expected mqtt://[user:pass@]host:port")
            .Validate(o => !string.IsNullOrWhiteSpace(o.DataDirectory), "Dashboard:DataDirectory: no data directory given")
            .Validate(o => DatabaseNamesAnEngine(o.Database), "Dashboard:Database: names neither an SQLite file (Data Source=FILE) nor a PostgreSQL server (Host=HOST;Database=NAME;Username=USER)")
            .Validate(_ => ServesPlainHttp(urls), $"urls: expected http:// addresses, got '{urls}': the dashboard serves plain HTTP; TLS belongs to the reverse proxy in front of it (docs/dashboard.md)")
            .ValidateOnStart();
        builder.Services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, DashboardJsonContext.Default);
        });

        // Sign-in cookies stay valid across restarts: the keys that protect them live in the data directory.
        var data = builder.Configuration[$"{DashboardOptions.SectionName}:DataDirectory"] ?? new DashboardOptions().DataDirectory;
        builder.Services.AddDataProtection()
            .SetApplicationName("ampsdashboard")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(data, "keys")));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHostedService<StartupBanner>();
        return builder;
    }

    private static bool ServesPlainHttp(string? urls) =>
        string.IsNullOrWhiteSpace(urls) || urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .All(url => url.StartsWith("http://", StringComparison.OrdinalIgnoreCase));

    private static bool DatabaseNamesAnEngine(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return true;
        }

        try
        {
            Storage.Database.EngineOf(connectionString);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Prints the URL to open once Kestrel listens.</summary>
    private sealed partial class StartupBanner(IServer server, IHostApplicationLifetime lifetime, IOptions<DashboardOptions> options, ILogger<StartupBanner> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            lifetime.ApplicationStarted.Register(() =>
            {
                var url = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? DashboardOptions.DefaultUrl;
                var broker = BrokerAddress.Redact(options.Value.Mqtt);
                var data = Path.GetFullPath(options.Value.DataDirectory);
                LogOpen(logger, url, broker, data);
            });
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(Level = LogLevel.Information, Message = "AmpsDevice dashboard: open {Url}/ in a browser (devices from {Broker}, data in {DataDirectory})")]
        private static partial void LogOpen(ILogger logger, string url, string broker, string dataDirectory);
    }
}
