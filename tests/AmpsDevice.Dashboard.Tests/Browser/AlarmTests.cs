using AmpsDevice.Dashboard.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace AmpsDevice.Dashboard.Tests.Browser;

/// <summary>
/// An alarm raised by the real device (its service composed in this process, so the test can press the simulated
/// E-stop): shown in its priority colour, its acknowledgement refused by the device while the cause persists
/// (the refusal shown as the device wrote it), accepted once it is gone.
/// </summary>
public sealed class AlarmTests : IAsyncLifetime
{
    private InProcessDeviceClinic _clinic = null!;

    public async Task InitializeAsync() => _clinic = await InProcessDeviceClinic.StartAsync(allowRemoteStart: true);

    public async Task DisposeAsync() => await _clinic.DisposeAsync();

    [Fact]
    public async Task The_estop_alarm_shows_red_and_its_acknowledgement_is_refused_while_the_button_is_pressed()
    {
        var page = await _clinic.Browser.SignInAsync(_clinic.Stack.BaseUrl, DashboardStack.Therapist);
        await page.GotoAsync($"/devices/{InProcessDeviceClinic.DeviceId}");
        await Expect(page.Locator("#connectivity")).ToHaveTextAsync("online", new() { Timeout = 30_000 });

        _clinic.Device.Hardware.EStopPressed = true;
        var alarm = page.Locator("#alarm-list li[data-priority=high]").Filter(new() { HasText = "estop" }).First;
        await Expect(alarm).ToBeVisibleAsync(new() { Timeout = 20_000 });
        Assert.Equal("rgb(208, 2, 27)", await alarm.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));

        await page.ClickAsync("#ack");
        await Expect(page.Locator("#reply")).ToHaveTextAsync("Acknowledge refused by the device: a stop input (E-stop or patient stop) is still active; release it first");
        await Support.Browser.ScreenshotAsync(page, "console-alarm-refused.png", fullPage: true);

        var clinic = await page.Context.NewPageAsync();
        await clinic.GotoAsync("/");
        var card = clinic.Locator($".device-card[data-device-id='{InProcessDeviceClinic.DeviceId}']");
        await Expect(card.Locator(".alarm-line.alarm-high")).ToBeVisibleAsync();
        await Support.Browser.ScreenshotAsync(clinic, "clinic-alarm.png");
        await clinic.CloseAsync();

        _clinic.Device.Hardware.EStopPressed = false;
        await page.WaitForTimeoutAsync(500);
        await page.ClickAsync("#ack");
        await Expect(page.Locator("#reply")).ToHaveTextAsync("Acknowledge: done", new() { Timeout = 20_000 });
        await page.Context.CloseAsync();
    }
}
