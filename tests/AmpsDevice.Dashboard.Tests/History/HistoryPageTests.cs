using System.Globalization;
using System.Text.Json;
using AmpsDevice.Dashboard.Tests.Support;
using Microsoft.Playwright;

namespace AmpsDevice.Dashboard.Tests.History;

/// <summary>
/// The history's pages in Debian's chromium: the example eight-week plan, simulated on the device's simulator by
/// <c>ampsdevice plan simulate --mqtt</c> (its own process), reaches the dashboard over MQTT session by session, dated
/// over the eight weeks, and shows on the patient page (every session, its plan level, the progression plot), the
/// session page (charts, events, export) and the search.
/// </summary>
public sealed class HistoryPageTests
{
    /// <summary>The patient of docs/examples/plan-warmth-vibration.json.</summary>
    private const string Patient = "p-001";

    [Fact]
    public async Task The_patient_page_shows_the_eight_weeks_of_a_simulated_plan_and_a_session_replays_its_chart()
    {
        using var stack = new DashboardStack(null);
        await stack.Dashboard.WaitForLineAsync("MQTT connected", TimeSpan.FromSeconds(60));
        using var report = new TempDirectory("history-plan");
        var reportPath = Path.Combine(report.Path, "plan.json");

        using (var device = new ChildProcess("dotnet", ["exec", Repository.BuiltOutput("firmware-host", "ampsdevice.dll"), "plan", "simulate",
            "--plan", Repository.PathOf("docs", "examples", "plan-warmth-vibration.json"), "--seed", "1", "--report", reportPath,
            "--mqtt", $"mqtt://{stack.DeviceId}:{MosquittoBroker.DevicePassword}@127.0.0.1:{stack.Broker.Port}", "--device-id", stack.DeviceId]))
        {
            Assert.True(device.WaitForExit(TimeSpan.FromMinutes(3)) == 0, "plan simulate --mqtt failed: " + device.Output);
        }

        using var simulated = JsonDocument.Parse(File.ReadAllText(reportPath));
        var rows = simulated.RootElement.GetProperty("sessions").EnumerateArray().ToList();
        var levels = rows.Select(r => r.GetProperty("level").GetInt32().ToString(CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(8 * 7, rows.Count);
        Assert.True(levels.Distinct().Count() >= 3, $"the plan's level should move over eight weeks: {string.Join(' ', levels)}");

        await using var browser = await Support.Browser.LaunchAsync();
        var page = await browser.SignInAsync(stack.BaseUrl, DashboardStack.Observer);
        await HistoryStack.WaitForAsync(async () => await page.EvaluateAsync<bool>(
                $"fetch('/api/history/patients/{Patient}').then(r => r.ok ? r.json() : null).then(b => !!b && b.sessions.length === {rows.Count} && b.sessions.every(s => s.outcome))"),
            // 56 sessions at the default cadence are about 70,000 messages queued for the dashboard: the whole test
            // takes about 45 s on an idle machine (over five minutes when the dashboard's MQTT socket was window-limited);
            // the wait is for a busy machine and ends as soon as they are stored.
            TimeSpan.FromSeconds(300), () => "the plan's sessions were not all stored as ended");

        await page.GotoAsync($"/history/patients/{Patient}");
        await page.WaitForSelectorAsync($"body[data-sessions='{rows.Count}']");
        Assert.Equal(rows.Count, await page.Locator("#sessions tr").CountAsync());
        Assert.Equal(levels, await page.Locator("#sessions tr td:nth-child(4)").AllTextContentsAsync());
        var days = (await page.EvaluateAsync<string[]>($"fetch('/api/history/patients/{Patient}').then(r => r.json()).then(b => b.sessions.map(s => s.startedAt))"))
            .Select(d => DateTimeOffset.Parse(d, CultureInfo.InvariantCulture).UtcDateTime.Date).ToList();
        Assert.Equal(new DateTime(2026, 1, 5), days[0]);
        Assert.Equal(8 * 7 - 1, (days[^1] - days[0]).TotalDays);
        Assert.Equal(days.Count, days.Distinct().Count());
        Assert.True(await page.Locator("#chart-progression canvas").CountAsync() > 0);
        await Support.Browser.ScreenshotAsync(page, "history-patient.png");

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
        await page.WaitForSelectorAsync($"body[data-results='{rows.Count}']");
    }
}
