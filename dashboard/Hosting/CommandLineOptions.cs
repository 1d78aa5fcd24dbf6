namespace AmpsDevice.Dashboard.Hosting;

/// <summary>The dashboard's options for a command that runs and exits (<c>users</c>, <c>history</c>): appsettings.json beside the program, the environment, then the given <c>--Key=value</c> arguments.</summary>
public static class CommandLineOptions
{
    public static DashboardOptions Load(IEnumerable<string> configArgs)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine([.. configArgs])
            .Build();
        var options = new DashboardOptions();
        configuration.GetSection(DashboardOptions.SectionName).Bind(options);
        return options;
    }
}
