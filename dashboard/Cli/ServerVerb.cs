using System.CommandLine;
using AmpsDevice.Dashboard.Hosting;
using AmpsDevice.Protocol.CommandLine;

namespace AmpsDevice.Dashboard.Cli;

/// <summary>
/// <c>ampsdashboard</c> without a verb: the server. Its own options become configuration keys (<c>--mqtt URI</c> is
/// <c>Dashboard:Mqtt</c>, <c>--data</c> and <c>--database</c> likewise); ASP.NET Core's (<c>--urls</c>,
/// <c>--environment</c>, <c>--contentRoot</c>) and the configuration keys (<see cref="ConfigurationKeys"/>) go to
/// its host as given.
/// </summary>
public static class ServerVerb
{
    public static void AddTo(RootCommand root, StorageOptions storage, Func<string[], Task<int>> runServer)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(runServer);
        var mqtt = CliOptions.Value("--mqtt", "mqtt://[user:pass@]host:port",
            $"The broker the devices publish to; mqtts:// for TLS ({DashboardOptions.SectionName}:Mqtt; default: mqtt://127.0.0.1:1883)");
        Option<string>[] host =
        [
            CliOptions.Value("--urls", "URL", $"Where the server listens (urls, ASPNETCORE_URLS; default: {DashboardOptions.DefaultUrl}, loopback only)"),
            CliOptions.Value("--environment", "NAME", "The ASP.NET Core environment (ASPNETCORE_ENVIRONMENT; default: Production)"),
            CliOptions.Value("--contentRoot", "DIR", "Where wwwroot and appsettings.json are found (default: the working directory)"),
        ];
        root.Add(mqtt);
        foreach (var option in host)
        {
            root.Add(option);
        }

        root.SetAction((result, _) => runServer([.. HostArguments(result, mqtt, storage, host)]));
    }

    /// <summary>
    /// The host's command line: the configuration keys passed through, then the dashboard's options as keys
    /// (<c>--Dashboard:Mqtt=URI</c>), then ASP.NET Core's options as given.
    /// </summary>
    private static IEnumerable<string> HostArguments(ParseResult result, Option<string> mqtt, StorageOptions storage, Option<string>[] host)
    {
        foreach (var key in ConfigurationKeys.Split(result.UnmatchedTokens).Keys)
        {
            yield return key;
        }

        if (result.GetValue(mqtt) is { } broker)
        {
            yield return $"--{DashboardOptions.SectionName}:Mqtt={broker}";
        }

        foreach (var (key, value) in storage.Keys(result))
        {
            yield return $"--{key}={value}";
        }

        foreach (var option in host)
        {
            if (result.GetValue(option) is { } value)
            {
                yield return option.Name;
                yield return value;
            }
        }
    }
}
