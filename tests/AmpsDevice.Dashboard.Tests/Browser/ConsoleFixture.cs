using AmpsDevice.Dashboard.Tests.Support;

namespace AmpsDevice.Dashboard.Tests.Browser;

/// <summary>One clinic (broker, device with remote start allowed, dashboard) and one browser for the console tests.</summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    /// <summary>A device id full of markup; the broker lets a device of that name publish under it.</summary>
    public const string HostileId = "<img src=x onerror=alert(1)>";

    public DashboardStack Stack { get; private set; } = null!;

    public Support.Browser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Stack = new DashboardStack(["--allow-remote-start"], HostileId);
        Browser = await Support.Browser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Stack.Dispose();
    }
}
