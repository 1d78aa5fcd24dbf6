using AmpsDevice.FirmwareHost.Hardware;
using AmpsDevice.FirmwareHost.Hosting;
using AmpsDevice.FirmwareHost.Sessions.Records;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AmpsDevice.FirmwareHost.Cli;

/// <summary>
/// <c>ampsdevice run</c>: the long-running device service. Every option also has a configuration key
/// (appsettings.json, environment variables such as <c>Mqtt__BrokerUri</c>).
/// </summary>
public static class RunVerb
{
    private static readonly string[] Valued = ["mqtt", "device-id", "data"];
    private static readonly string[] Flags = ["simulate", "allow-remote-start"];

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        var parsed = CliArguments.Parse(args, Valued, Flags);
        if (parsed.Positional.Count > 0)
        {
            throw new CliUsageException($"run takes no arguments ('{parsed.Positional[0]}')");
        }

        var overrides = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (parsed.Has("simulate"))
        {
            overrides["Device:Simulate"] = "true";
        }

        if (parsed.Has("allow-remote-start"))
        {
            overrides["Session:AllowRemoteStart"] = "true";
        }

        if (parsed.Value("mqtt") is { } mqtt)
        {
            overrides["Mqtt:BrokerUri"] = mqtt;
        }

        if (parsed.Value("device-id") is { } id)
        {
            overrides["Mqtt:DeviceId"] = id;
        }

        if (parsed.Value("data") is { } data)
        {
            overrides["Device:DataDirectory"] = data;
        }

        // The hardware first, from configuration alone: opening it drives every output safe, before the host is
        // even built (that takes the better part of the start-up; docs/performance.md).
        DeviceHardware hardware;
        try
        {
            hardware = DeviceHardware.Open(EarlyConfiguration(overrides), TimeProvider.System);
        }
        catch (Exception ex) when (ex is DeviceIoException or OptionsValidationException or ArgumentException)
        {
            await stderr.WriteLineAsync($"ampsdevice: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(overrides);
        builder.Services.AddSystemd();
        builder.Services.AddDevice(builder.Configuration, hardware);

        IHost host;
        try
        {
            host = builder.Build();
            _ = host.Services.GetRequiredService<RecordStore>();
        }
        catch (Exception ex) when (Unwrap(ex) is DeviceIoException or OptionsValidationException or ArgumentException or RecordStoreException)
        {
            await stderr.WriteLineAsync($"ampsdevice: {Unwrap(ex).Message}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        using (host)
        {
            try
            {
                await host.RunAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (Unwrap(ex) is OptionsValidationException or DeviceIoException)
            {
                await stderr.WriteLineAsync($"ampsdevice: {Unwrap(ex).Message}").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }
        }

        return ExitCodes.Done;
    }

    /// <summary>
    /// The configuration the host will read (appsettings.json, appsettings.{environment}.json, environment variables,
    /// then the command line's options), built without the host so the hardware can be opened before it.
    /// </summary>
    private static IConfiguration EarlyConfiguration(Dictionary<string, string?> overrides)
    {
        var environment = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? Environments.Production;
        return new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{environment}.json", optional: true)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(overrides)
            .Build();
    }

    private static Exception Unwrap(Exception ex)
    {
        while (ex is AggregateException or InvalidOperationException && ex.InnerException is not null)
        {
            ex = ex.InnerException!;
        }

        return ex;
    }
}
