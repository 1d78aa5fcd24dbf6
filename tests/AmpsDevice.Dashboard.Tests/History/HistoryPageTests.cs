using AmpsDevice.Dashboard.Tests.Support;
using Microsoft.Playwright;

namespace AmpsDevice.Dashboard.Tests.History;

/// <summary>
/// The history's pages in Debian's chromium: sessions of a plan (level profiles, named as a plan names them) run on the
/// simulated device, reach the dashboard over MQTT, and show on the patient page, its progression plot and the session page.
/// </summary>
public sealed class HistoryPageTests
{
    private const string Patient = "p-hist";

    private static string LevelProfile(int level) => $$"""
        {"schema":"amps.profile/1","name":"Warmth (plan level {{level}})","painStopAt":7,"steps":[
          {"kind":"thermal","pad":"pad1","targetC":{{33 + level}}.0,"rampCPerS":1.0,"holdS":4},
          {"kind":"vibration","channel":"vib1","frequencyHz":120,"amplitude":0.{{level + 1}},"durationS":4,"pattern":"continuous"}]}
        """;

    [Fact]
    public async Task The_patient_page_shows_every_session_and_its_progression_and_a_session_replays_its_chart()
    {
        using var stack = new DashboardStack(["--allow-remote-start"]);
        await using var browser = await Support.Browser.LaunchAsync();
        var page = await browser.SignInAsync(stack.BaseUrl, DashboardStack.Observer);

        int[] levels = [1, 2, 2];
        int[] pain = [2, 3, 5];
        for (var i = 0; i < levels.Length; i++)
        {
            await DeviceCommands.StartSessionAsync(stack.Broker, stack.DeviceId, Patient, LevelProfile(levels[i]), () => stack.Device is null ? "" : stack.Device.Output);
            await Task.Delay(TimeSpan.FromSeconds(4));
            await DeviceCommands.RatePainAsync(stack.Broker, stack.DeviceId, pain[i]);
            var count = i + 1;
            await HistoryStack.WaitForAsync(async () => await page.EvaluateAsync<bool>(
                    $"fetch('/api/history/patients/{Patient}').then(r => r.ok ? r.json() : null).then(b => !!b && b.sessions.length === {count} && b.sessions.every(s => s.outcome))"),
                TimeSpan.FromSeconds(90), () => $"session {count} not stored as ended");
        }

        await page.GotoAsync($"/history/patients/{Patient}");
        await page.WaitForSelectorAsync("body[data-sessions='3']");
        Assert.Equal(3, await page.Locator("#sessions tr").CountAsync());
        Assert.Equal(["1", "2", "2"], await page.Locator("#sessions tr td:nth-child(4)").AllTextContentsAsync());
        Assert.True(await page.Locator("#chart-progression canvas").CountAsync() > 0);
        await Support.Browser.ScreenshotAsync(page, "history-patient.png", fullPage: true);

        await page.Locator("#sessions tr").Last.Locator("a").ClickAsync();
        await page.WaitForSelectorAsync("body[data-loaded='true']");
        Assert.True(int.Parse(await page.Locator("body").GetAttributeAsync("data-samples") ?? "0") > 50);
        Assert.Contains("pain-rating", await page.Locator("#event-log").TextContentAsync() ?? "", StringComparison.Ordinal);
        Assert.Equal(4, await page.Locator("#charts canvas").CountAsync());
        await Support.Browser.ScreenshotAsync(page, "history-session.png", fullPage: true);

        var csv = await page.EvaluateAsync<string>("fetch(document.getElementById('export-csv').href).then(r => r.text())");
        Assert.StartsWith("t,pad1.measuredC,pad1.safetyC,pad1.drive,", csv, StringComparison.Ordinal);

        await page.GotoAsync("/history/patients/p-none");
        await page.WaitForSelectorAsync("#not-found:not([hidden])");
        Assert.Equal("no sessions stored for patient 'p-none'", await page.Locator("#not-found").TextContentAsync());
        Assert.Equal(404, await page.EvaluateAsync<int>($"fetch('/api/history/devices/{stack.DeviceId}/sessions/nope').then(r => r.status)"));
        await page.GotoAsync($"/history?patient={Patient}");
        await page.WaitForSelectorAsync("body[data-results='3']");
    }
}
