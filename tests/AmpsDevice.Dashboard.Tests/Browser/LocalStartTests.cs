using AmpsDevice.Dashboard.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace AmpsDevice.Dashboard.Tests.Browser;

/// <summary>
/// A device started without <c>--allow-remote-start</c> (its service composed in this process, so the test can press
/// the simulated start button): a start from the console loads the session, the console shows it ready and says the
/// device's own start button begins it; pressing that button starts it.
/// </summary>
public sealed class LocalStartTests : IAsyncLifetime
{
    private DashboardStack _stack = null!;
    private FullDevice _device = null!;
    private Support.Browser _browser = null!;
    private TempDirectory _data = null!;

    public async Task InitializeAsync()
    {
        _stack = new DashboardStack(null);
        _data = new TempDirectory("local-start-device");
        _device = new FullDevice(_stack.Broker.DeviceUri(MosquittoBroker.DeviceB), MosquittoBroker.DeviceB, _data.Path, allowRemoteStart: false);
        await _device.StartAsync();
        _browser = await Support.Browser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _device.DisposeAsync();
        _stack.Dispose();
        _data.Dispose();
    }

    [Fact]
    public async Task A_start_from_the_console_waits_ready_for_the_devices_own_start_button()
    {
        var page = await _browser.SignInAsync(_stack.BaseUrl, DashboardStack.Therapist);
        await page.GotoAsync($"/devices/{MosquittoBroker.DeviceB}");
        await Expect(page.Locator("#connectivity")).ToHaveTextAsync("online", new() { Timeout = 30_000 });
        await Expect(page.Locator("#ready-banner")).ToBeHiddenAsync();

        await page.CheckAsync("input[name=source][value=file]");
        await page.SetInputFilesAsync("#profile-file", Repository.PathOf("docs", "examples", "warmth-vibration-level1.json"));
        await Expect(page.Locator("#profile-summary")).ToContainTextAsync("Warmth and vibration");
        await page.FillAsync("#patient-id", "p-010");

        // The device accepts the start but waits for its local button: the reply and the page say so.
        Assert.Equal("Start: the device is ready; press its start button to begin", await ConsoleActions.StartAsync(page));
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-session-state", "ready", new() { Timeout = 20_000 });
        await Expect(page.Locator("#session-state")).ToHaveTextAsync("ready");
        await Expect(page.Locator("#session-line")).ToContainTextAsync("patient p-010");
        await Expect(page.Locator("#session-line")).Not.ToContainTextAsync("0:00 left"); // the whole plan is left, not the last session's remainder
        await Expect(page.Locator("#ready-banner")).ToHaveTextAsync("The session is ready: press the start button on the device to begin.");
        await Expect(page.Locator("#stop")).ToBeVisibleAsync();
        await Expect(page.Locator("#start")).ToBeHiddenAsync();
        await Support.Browser.ScreenshotAsync(page, "console-ready.png");

        // The therapist presses the device's start button: the session runs and the banner goes.
        _device.Hardware.StartButtonPressed = true;
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-session-state", "running", new() { Timeout = 20_000 });
        _device.Hardware.StartButtonPressed = false;
        await Expect(page.Locator("#ready-banner")).ToBeHiddenAsync();

        await page.ClickAsync("#stop");
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-session-state", new System.Text.RegularExpressions.Regex("^(stopped|safety-stop)$"), new() { Timeout = 20_000 });
        await page.Context.CloseAsync();
    }
}
