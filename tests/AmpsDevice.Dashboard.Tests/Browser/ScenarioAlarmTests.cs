using System.Text.RegularExpressions;
using AmpsDevice.Dashboard.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AmpsDevice.Dashboard.Tests.Browser;

/// <summary>
/// A training device, <c>ampsdevice run --simulate --scenario FILE</c> as its own process: the scenario's fault (an
/// E-stop held for a while) raises the device's alarm in the session, the console shows it in its priority colour, and
/// the device refuses its acknowledgement while the cause persists (the refusal shown as the device wrote it).
/// </summary>
public sealed class ScenarioAlarmTests : IAsyncLifetime
{
    /// <summary>When the scenario presses the E-stop (s of session time) and how long it stays pressed (s).</summary>
    private const double EStopAtS = 3;
    private const double EStopHeldS = 25;

    private TempDirectory _scenarioDirectory = null!;
    private DashboardStack _stack = null!;
    private Support.Browser _browser = null!;

    public async Task InitializeAsync()
    {
        _scenarioDirectory = new TempDirectory("scenario");
        var scenario = Path.Combine(_scenarioDirectory.Path, "estop.json");
        await File.WriteAllTextAsync(scenario, $$"""
            {"name":"E-stop pressed during the session","events":[{"at":{{EStopAtS}},"fault":"estop","duration":{{EStopHeldS}}}]}
            """);
        _stack = new DashboardStack(["--allow-remote-start", "--scenario", scenario]);
        _browser = await Support.Browser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _stack.Dispose();
        _scenarioDirectory.Dispose();
    }

    [Fact]
    public async Task The_scenarios_fault_raises_a_red_alarm_whose_acknowledgement_the_device_refuses_while_the_cause_persists()
    {
        var page = await _browser.SignInAsync(_stack.BaseUrl, DashboardStack.Therapist);
        await ConsoleActions.OpenAsync(page, _stack.DeviceId);
        await ConsoleActions.ChooseStoredProfileAsync(page);
        await page.FillAsync("#patient-id", "p-011");
        Assert.Equal("Start: done", await ConsoleActions.StartAsync(page));

        // The scenario presses the E-stop a few seconds into the session: the device's high-priority alarm, in red.
        var alarm = page.Locator("#alarm-list li[data-priority=high]").Filter(new() { HasText = "estop" }).First;
        await Expect(alarm).ToBeVisibleAsync(new() { Timeout = 30_000 });
        Assert.Equal("rgb(208, 2, 27)", await alarm.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));
        await Expect(alarm.Locator(".message")).ToContainTextAsync("Release the E-stop and acknowledge to continue.");
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-session-state", new Regex("^(stopped|safety-stop)$"), new() { Timeout = 20_000 });

        // Still pressed: the device refuses the acknowledgement and the console shows its words; the alarm stays.
        await page.ClickAsync("#ack");
        await Expect(page.Locator("#reply")).ToHaveTextAsync("Acknowledge refused by the device: a stop input (E-stop or patient stop) is still active; release it first");
        await Expect(alarm).ToBeVisibleAsync();
        await Support.Browser.ScreenshotAsync(page, "console-scenario-alarm.png", fullPage: true);

        // The scenario releases it: the acknowledgement is accepted and the alarm goes.
        await AcknowledgeOnceReleasedAsync(page, TimeSpan.FromSeconds(EStopAtS + EStopHeldS + 30));
        await Expect(page.Locator("#alarms")).ToBeHiddenAsync(new() { Timeout = 20_000 });
        await page.Context.CloseAsync();
    }

    private static async Task AcknowledgeOnceReleasedAsync(IPage page, TimeSpan within)
    {
        var reply = page.Locator("#reply");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            await page.WaitForTimeoutAsync(2000);
            var response = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("#ack"), "**/alarms/ack");
            var ok = (await response.JsonAsync())?.GetProperty("ok").GetBoolean() == true;
            if (ok)
            {
                await Expect(reply).ToHaveTextAsync("Acknowledge: done");
                return;
            }

            await Expect(reply).ToHaveTextAsync("Acknowledge refused by the device: a stop input (E-stop or patient stop) is still active; release it first");
            Assert.True(clock.Elapsed < within, $"the acknowledgement was still refused after {within.TotalSeconds} s");
        }
    }
}
