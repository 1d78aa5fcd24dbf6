using AmpsDevice.FirmwareHost.Hosting;
using Microsoft.Extensions.Configuration;

namespace AmpsDevice.FirmwareHost.Cli;

/// <summary>Where the <c>sessions</c> and <c>export</c> verbs find the records: <c>--data</c>, else the configuration's <c>Device:DataDirectory</c> (as <c>run</c>).</summary>
public static class RecordsDirectory
{
    public static string From(string? data)
    {
        if (data is not null)
        {
            return data;
        }

        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        return configuration[$"{DeviceOptions.SectionName}:{nameof(DeviceOptions.DataDirectory)}"] is { Length: > 0 } configured
            ? configured
            : new DeviceOptions().DataDirectory;
    }
}
