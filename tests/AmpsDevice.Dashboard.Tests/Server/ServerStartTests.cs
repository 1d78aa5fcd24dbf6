using AmpsDevice.Dashboard.Tests.Support;

namespace AmpsDevice.Dashboard.Tests.Server;

/// <summary>
/// The server refuses a configuration it cannot run with before it listens: exit 2 (usage error) and one line that
/// names the setting, not a crash with a stack trace.
/// </summary>
public sealed class ServerStartTests
{
    [Theory]
    [InlineData("--urls", "https://127.0.0.1:5999",
        "ampsdashboard: urls: expected http:// addresses, got 'https://127.0.0.1:5999': the dashboard serves plain HTTP; TLS belongs to the reverse proxy in front of it (docs/dashboard.md)")]
    [InlineData("--mqtt", "broker.local", "ampsdashboard: Dashboard:Mqtt: expected mqtt://[user:pass@]host:port")]
    public void A_configuration_it_cannot_run_with_exits_2_naming_the_setting(string option, string value, string message)
    {
        using var data = new TempDirectory("dashboard-start");
        using var server = new ChildProcess("dotnet", ["exec", DashboardStack.DashboardDll, option, value, "--data", data.Path]);

        Assert.Equal(2, server.WaitForExit(TimeSpan.FromSeconds(60)));
        Assert.True(server.Logged(message), server.Tail());
        Assert.False(server.Logged("Unhandled exception"), server.Tail());
    }
}
