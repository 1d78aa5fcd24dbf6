using System.Text.RegularExpressions;
using AmpsDevice.Dashboard.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace AmpsDevice.Dashboard.Tests.Browser;

/// <summary>What the clinic view shows when the broker or a device goes away, without reloading the page.</summary>
public sealed class OutageTests : IAsyncLifetime
{
    private DashboardStack _stack = null!;
    private Support.Browser _browser = null!;

    public async Task InitializeAsync()
    {
        _stack = new DashboardStack(["--allow-remote-start"]);
        _browser = await Support.Browser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _stack.Dispose();
    }

    [Fact]
    public async Task The_page_recovers_from_a_broker_restart_and_shows_a_killed_device_offline()
    {
        var page = await _browser.SignInAsync(_stack.BaseUrl, DashboardStack.Therapist);
        var card = page.Locator($".device-card[data-device-id='{_stack.DeviceId}']");
        await Expect(card).ToHaveAttributeAsync("data-connectivity", "online", new() { Timeout = 30_000 });
        await page.EvaluateAsync("() => { window.notReloaded = true; }");

        // The broker goes away: the page says so, and the device is no longer shown online (stale once its telemetry
        // has stopped, or offline: mosquitto publishes its clients' Wills when it shuts down).
        _stack.Broker.Stop();
        await Expect(page.Locator("#broker")).ToHaveTextAsync("MQTT broker unreachable: reconnecting…", new() { Timeout = 20_000 });
        await Expect(card).ToHaveAttributeAsync("data-connectivity", new Regex("^(stale|offline)$"), new() { Timeout = 20_000 });
        await Support.Browser.ScreenshotAsync(page, "clinic-broker-down.png");

        // Back: the dashboard and the device reconnect by themselves; the same page shows it live again.
        _stack.Broker.Start();
        await Expect(page.Locator("#broker")).ToHaveTextAsync("Live", new() { Timeout = 60_000 });
        await Expect(card).ToHaveAttributeAsync("data-connectivity", "online", new() { Timeout = 60_000 });
        Assert.True(await page.EvaluateAsync<bool>("() => window.notReloaded === true"));

        // SIGKILL: no goodbye from the device; the broker publishes its Last Will and the card turns offline.
        _stack.Device.Kill();
        await Expect(card).ToHaveAttributeAsync("data-connectivity", "offline", new() { Timeout = 40_000 });
        Assert.True(await page.EvaluateAsync<bool>("() => window.notReloaded === true"));
        await Support.Browser.ScreenshotAsync(page, "clinic-device-offline.png");
        await page.Context.CloseAsync();
    }
}
