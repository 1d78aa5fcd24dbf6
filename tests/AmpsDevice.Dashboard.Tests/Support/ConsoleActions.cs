using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AmpsDevice.Dashboard.Tests.Support;

/// <summary>What a therapist does on the console page, as the browser tests need it on a loaded machine.</summary>
public static class ConsoleActions
{
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
