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
    private InProcessDeviceClinic _clinic = null!;

    public async Task InitializeAsync() => _clinic = await InProcessDeviceClinic.StartAsync(allowRemoteStart: false);

    public async Task DisposeAsync() => await _clinic.DisposeAsync();

    [Fact]
    public async Task A_start_from_the_console_waits_ready_for_the_devices_own_start_button()
    {
        var page = await _clinic.Browser.SignInAsync(_clinic.Stack.BaseUrl, DashboardStack.Therapist);
        await ConsoleActions.OpenAsync(page, InProcessDeviceClinic.DeviceId);
        await Expect(page.Locator("#ready-banner")).ToBeHiddenAsync();

        await ConsoleActions.ChooseExampleProfileFileAsync(page);
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
        _clinic.Device.Hardware.StartButtonPressed = true;
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-session-state", "running", new() { Timeout = 20_000 });
        _clinic.Device.Hardware.StartButtonPressed = false;
        await Expect(page.Locator("#ready-banner")).ToBeHiddenAsync();

        await ConsoleActions.StopAsync(page);
        await page.Context.CloseAsync();
    }
}
