using System.CommandLine;
using AmpsDevice.FirmwareHost.Hardware;
using AmpsDevice.FirmwareHost.Hardware.Simulated;
using AmpsDevice.FirmwareHost.Hosting;
using AmpsDevice.FirmwareHost.Sessions.Records;
using AmpsDevice.FirmwareHost.Simulation;
using AmpsDevice.Protocol.CommandLine;
using AmpsDevice.Simulator.Faults;
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
    public const string Description =
        "The device service: drives the hardware, runs sessions, records them and publishes over MQTT until stopped (SIGTERM). " +
        "Every option also has a configuration key (appsettings.json, environment variables such as Mqtt__BrokerUri).";

    public static Command Command()
    {
        var command = new Command("run", Description);
        AddTo(command);
        return command;
    }

    /// <summary>Gives <paramref name="command"/> the options of <c>run</c> and makes <c>run</c> its action.</summary>
    public static void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var simulate = CliOptions.Flag("--simulate", "Put the simulator behind the hardware boundary instead of opening the real GPIO and I2C devices (Device:Simulate)");
        var mqtt = CliOptions.Value("--mqtt", "mqtt://[user:pass@]host:port", "The MQTT broker; without it (and none configured) an embedded broker on 127.0.0.1:1883 (Mqtt:BrokerUri)");
        var deviceId = CliOptions.Value("--device-id", "ID", "The device's id in the topic tree amps/v1/{deviceId}/ (Mqtt:DeviceId)");
        var data = CliOptions.Value("--data", "DIR", "Where the records and the outbox live (Device:DataDirectory)");
        var allowRemoteStart = CliOptions.Flag("--allow-remote-start", "Let session.start arrive over MQTT without a local confirmation (Session:AllowRemoteStart)");
        var scenario = CliOptions.Value("--scenario", "S.json",
            "With --simulate, for training and demonstration: play this scenario (the simulate verb's format) into every session at session time, with a virtual patient");
        command.Add(simulate);
        command.Add(mqtt);
        command.Add(deviceId);
        command.Add(data);
        command.Add(allowRemoteStart);
        command.Add(scenario);
        command.SetAction((result, _) =>
        {
            var overrides = new Dictionary<string, string?>(StringComparer.Ordinal);
            if (result.GetValue(simulate))
            {
                overrides["Device:Simulate"] = "true";
            }

            if (result.GetValue(allowRemoteStart))
            {
                overrides["Session:AllowRemoteStart"] = "true";
            }

            if (result.GetValue(mqtt) is { } broker)
            {
                overrides["Mqtt:BrokerUri"] = broker;
            }

            if (result.GetValue(deviceId) is { } id)
            {
                overrides["Mqtt:DeviceId"] = id;
            }

            if (result.GetValue(data) is { } directory)
            {
                overrides["Device:DataDirectory"] = directory;
            }

            return RunAsync(overrides, result.GetValue(scenario), result.InvocationConfiguration.Error);
        });
    }

    private static async Task<int> RunAsync(Dictionary<string, string?> overrides, string? scenarioPath, TextWriter stderr)
    {
        if (scenarioPath is not null && !overrides.ContainsKey("Device:Simulate"))
        {
            await stderr.WriteLineAsync("ampsdevice: --scenario needs --simulate (a scenario breaks the simulated hardware; it never touches a real device)").ConfigureAwait(false);
            return ExitCodes.BadInput;
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

        // For training and demonstration: the scenario is read and checked against the device's channels before anything starts.
        Scenario? scenario = null;
        if (scenarioPath is not null)
        {
            try
            {
                scenario = Scenario.Load(scenarioPath, ((SimulatedHardwareFactory)hardware.Factory).Device.Layout);
            }
            catch (ScenarioException ex)
            {
                hardware.Io.Dispose();
                await stderr.WriteLineAsync($"ampsdevice: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(overrides);
        builder.Services.AddSystemd();
        builder.Services.AddDevice(builder.Configuration, hardware);
        if (scenario is not null)
        {
            builder.Services.AddScenarioSessions(scenario);
        }

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
    internal static IConfiguration EarlyConfiguration(Dictionary<string, string?> overrides)
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
