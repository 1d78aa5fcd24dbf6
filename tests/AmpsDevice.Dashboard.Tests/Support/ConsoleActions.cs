using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AmpsDevice.Dashboard.Tests.Support;

/// <summary>What a therapist does on the console page, as the browser tests need it on a loaded machine.</summary>
public static class ConsoleActions
{
    /// <summary>Opens the device's console and waits until it shows the device online, start-up alarms acknowledged.</summary>
    public static async Task OpenAsync(IPage page, string deviceId)
    {
        await page.GotoAsync($"/devices/{deviceId}");
        await Expect(page.Locator("#connectivity")).ToHaveTextAsync("online", new() { Timeout = 30_000 });
        await AcknowledgeStartUpAlarmsAsync(page);
    }

    /// <summary>Chooses the profile stored on the device and waits for its plan to be charted.</summary>
    public static async Task ChooseStoredProfileAsync(IPage page)
    {
        await page.CheckAsync("input[name=source][value=stored]");
        await Expect(page.Locator($"#stored-profiles option[value='{DashboardStack.StoredProfileId}']")).ToHaveCountAsync(1, new() { Timeout = 20_000 });
        await page.SelectOptionAsync("#stored-profiles", DashboardStack.StoredProfileId);
        await Expect(page.Locator("#chart-preview canvas")).ToHaveCountAsync(1, new() { Timeout = 20_000 });
    }

    /// <summary>Uploads the level-1 example profile and waits until the server has checked it.</summary>
    public static async Task ChooseExampleProfileFileAsync(IPage page)
    {
        await page.CheckAsync("input[name=source][value=file]");
        await page.SetInputFilesAsync("#profile-file", Repository.PathOf("docs", "examples", "warmth-vibration-level1.json"));
        await Expect(page.Locator("#profile-summary")).ToContainTextAsync("Warmth and vibration");
    }

    /// <summary>Presses STOP and waits until the device reports the session ended (by the stop, or by its own safety stop on a loaded machine).</summary>
    public static async Task StopAsync(IPage page)
    {
        await page.ClickAsync("#stop");
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-session-state", new Regex("^(stopped|safety-stop)$"), new() { Timeout = 20_000 });
    }

    /// <summary>
    /// Confirms the start. On a loaded machine the device may latch a control-loop deadline alarm at any moment, and
    /// then refuses a start until it is acknowledged (as a therapist would, the test acknowledges and tries again).
    /// Returns the reply's text once the device took the start.
    /// </summary>
    public static async Task<string> StartAsync(IPage page)
    {
        var reply = page.Locator("#reply");
        for (var attempt = 0; ; attempt++)
        {
            await page.RunAndWaitForResponseAsync(() => page.ClickAsync("#confirm-start"), "**/session/start");
            await Expect(reply).ToHaveAttributeAsync("data-command", "Start");
            await Expect(reply).ToHaveAttributeAsync("data-ok", new Regex("true|false"));
            var text = await reply.TextContentAsync() ?? "";
            if (await reply.GetAttributeAsync("data-ok") == "true")
            {
                return text;
            }

            Assert.True(attempt < 4 && text.Contains("an alarm is latched", StringComparison.Ordinal), text);
            await page.RunAndWaitForResponseAsync(() => page.ClickAsync("#ack"), "**/alarms/ack");
            await Expect(reply).ToHaveAttributeAsync("data-command", "Acknowledge");
        }
    }

    /// <summary>A loaded machine can make the device raise latched alarms at start (missed control ticks); they block a start until acknowledged.</summary>
    public static async Task AcknowledgeStartUpAlarmsAsync(IPage page)
    {
        await page.WaitForTimeoutAsync(500);
        if (await page.Locator("#ack").IsVisibleAsync())
        {
            await page.ClickAsync("#ack");
            await Expect(page.Locator("#reply")).ToHaveTextAsync(new Regex("Acknowledge"));
        }
    }
}
