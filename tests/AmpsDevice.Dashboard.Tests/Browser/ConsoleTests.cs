using System.Text.RegularExpressions;
using AmpsDevice.Dashboard.Tests.Support;
using AmpsDevice.Protocol.Messages;
using Microsoft.Playwright;
using MQTTnet;
using static Microsoft.Playwright.Assertions;

namespace AmpsDevice.Dashboard.Tests.Browser;

/// <summary>The therapist's and the observer's work in a real browser against a real device, broker and dashboard.</summary>
public sealed class ConsoleTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    private DashboardStack Stack => fixture.Stack;

    [Fact]
    public async Task A_wrong_password_is_refused_and_the_right_one_lists_the_device_online()
    {
        var context = await fixture.Browser.NewContextAsync(Stack.BaseUrl);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.FillAsync("input[name=username]", DashboardStack.Therapist);
        await page.FillAsync("input[name=password]", "not-the-password");
        await page.ClickAsync("button[type=submit]");
        await Expect(page.Locator(".form-error")).ToHaveTextAsync("Wrong user name or password.");
        await context.CloseAsync();

        var signedIn = await fixture.Browser.SignInAsync(Stack.BaseUrl, DashboardStack.Therapist);
        var card = signedIn.Locator($".device-card[data-device-id='{Stack.DeviceId}']");
        await Expect(card).ToHaveAttributeAsync("data-connectivity", "online", new() { Timeout = 30_000 });
        await Expect(card.Locator(".mode")).ToHaveTextAsync("simulated");
        await Support.Browser.ScreenshotAsync(signedIn, "clinic.png");
        await signedIn.Context.CloseAsync();
    }

    [Fact]
    public async Task A_session_started_from_a_profile_file_is_charted_rated_and_stopped_with_outputs_safe()
    {
        await using var watcher = await DeviceWatcher.StartAsync(Stack.Broker, Stack.DeviceId);
        var page = await fixture.Browser.SignInAsync(Stack.BaseUrl, DashboardStack.Therapist);
        await ConsoleActions.OpenAsync(page, Stack.DeviceId);

        // Upload: checked by the server with device-protocol's validator, the plan charted before confirming.
        await page.CheckAsync("input[name=source][value=file]");
        await page.SetInputFilesAsync("#profile-file", Repository.PathOf("docs", "examples", "warmth-vibration-level1.json"));
        await Expect(page.Locator("#chart-preview canvas")).ToHaveCountAsync(1);
        await Expect(page.Locator("#profile-errors li")).ToHaveCountAsync(0);
        await page.FillAsync("#patient-id", "p-007");
        Assert.Equal("Start: done", await ConsoleActions.StartAsync(page));
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-session-state", "running", new() { Timeout = 30_000 });

        // A rating from the faces reaches the device: it publishes the pain-rating event.
        await page.ClickAsync("#pain button[data-value='3']");
        await Expect(page.Locator("#event-log li[data-kind=pain-rating]").First).ToContainTextAsync("rating 3", new() { Timeout = 20_000 });
        Assert.Contains(watcher.Events, e => e.Kind == Protocol.Messages.EventKind.PainRating && e.Value == 3);

        // The chart receives points while it runs.
        var before = int.Parse(await page.Locator("body").GetAttributeAsync("data-samples") ?? "0");
        await page.WaitForFunctionAsync($"() => Number(document.body.dataset.samples) >= {before + 20}", null, new() { Timeout = 30_000 });
        await Expect(page.Locator("#chart-temperature canvas")).ToHaveCountAsync(1);
        await Support.Browser.ScreenshotAsync(page, "console-running.png", fullPage: true);

        // STOP: one tap, the device stops and its outputs are safe. (On a loaded machine the device's own
        // control-loop deadline rule may have ended the session first, as a safety stop; the outputs must be safe either way.)
        await page.ClickAsync("#stop");
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-session-state", new Regex("^(stopped|safety-stop)$"), new() { Timeout = 20_000 });
        var stoppedAt = DateTimeOffset.UtcNow;
        var batch = await watcher.TelemetryAfterAsync(stoppedAt, TimeSpan.FromSeconds(15));
        Assert.All(batch.Samples.SelectMany(s => s.Pads), p => Assert.Equal(0, p.Drive));
        Assert.All(batch.Samples.SelectMany(s => s.Vib), v => Assert.Equal(0, v.Amplitude));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_session_started_from_a_profile_stored_on_the_device_shows_its_plan_first_and_its_target_while_running()
    {
        var page = await fixture.Browser.SignInAsync(Stack.BaseUrl, DashboardStack.Therapist);
        await ConsoleActions.OpenAsync(page, Stack.DeviceId);
        await ConsoleActions.ChooseStoredProfileAsync(page);
        await Expect(page.Locator("#profile-summary")).ToContainTextAsync("Warmth and vibration");
        await page.FillAsync("#patient-id", "p-008");
        Assert.Equal("Start: done", await ConsoleActions.StartAsync(page));
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-session-state", "running", new() { Timeout = 30_000 });
        await Expect(page.Locator("#chart-plan canvas")).ToHaveCountAsync(1, new() { Timeout = 20_000 });
        await page.ClickAsync("#stop");
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-session-state", "stopped", new() { Timeout = 20_000 });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_pain_rating_at_the_profiles_pain_stop_visibly_pauses_the_session_on_the_page_and_on_the_device()
    {
        await using var watcher = await DeviceWatcher.StartAsync(Stack.Broker, Stack.DeviceId);
        var page = await fixture.Browser.SignInAsync(Stack.BaseUrl, DashboardStack.Therapist);
        await ConsoleActions.OpenAsync(page, Stack.DeviceId);
        await ConsoleActions.ChooseExampleProfileFileAsync(page);
        await page.FillAsync("#patient-id", "p-009");
        Assert.Equal("Start: done", await ConsoleActions.StartAsync(page));
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-session-state", "running", new() { Timeout = 30_000 });
        await Expect(page.Locator("#paused-banner")).ToBeHiddenAsync();

        // The example profile's painStopAt is 4: a rating of 4 pauses the session on the device, and the page says why.
        await page.ClickAsync("#pain button[data-value='4']");
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-session-state", "paused", new() { Timeout = 20_000 });
        await Expect(page.Locator("#session-state")).ToHaveTextAsync("paused");
        await Expect(page.Locator("#paused-banner")).ToBeVisibleAsync();
        await Expect(page.Locator("#paused-banner")).ToContainTextAsync("pain 4 at or above 4");
        await Expect(page.Locator("#resume")).ToBeEnabledAsync();
        await Expect(page.Locator("#pause")).ToBeDisabledAsync();
        Assert.Equal(SessionState.Paused, watcher.LastSession?.State);
        Assert.Contains(watcher.Events, e => e.Kind == EventKind.SessionPaused && e.Message == "pain 4 at or above 4");
        await Support.Browser.ScreenshotAsync(page, "console-paused-by-pain.png", fullPage: true);

        await ConsoleActions.StopAsync(page);
        await Expect(page.Locator("#paused-banner")).ToBeHiddenAsync();
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(768, 1024, "console-tablet-portrait.png")]
    [InlineData(1280, 800, "console-tablet-landscape.png")]
    [InlineData(1920, 1080, "console-desk.png")]
    public async Task On_a_tablet_and_a_desk_screen_STOP_is_always_on_screen_and_covers_no_control(int width, int height, string screenshot)
    {
        var page = await fixture.Browser.SignInAsync(Stack.BaseUrl, DashboardStack.Therapist, width: width, height: height);
        await ConsoleActions.OpenAsync(page, Stack.DeviceId);

        // Before a session: the start form and the events.
        await Expect(page.Locator("#start")).ToBeVisibleAsync();
        Assert.Empty(await LayoutProblemsAsync(page));

        // During one: the session controls, the pain scale, the charts and the events.
        await ConsoleActions.ChooseStoredProfileAsync(page);
        await page.FillAsync("#patient-id", "p-012");
        Assert.Equal("Start: done", await ConsoleActions.StartAsync(page));
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-session-state", "running", new() { Timeout = 30_000 });
        await page.WaitForFunctionAsync("() => Number(document.body.dataset.samples) >= 20", null, new() { Timeout = 30_000 });
        await Expect(page.Locator("#pain button")).ToHaveCountAsync(11);
        Assert.Empty(await LayoutProblemsAsync(page));

        // A child's finger: every face at least 64 px square.
        foreach (var face in await page.Locator("#pain button").AllAsync())
        {
            var box = (await face.BoundingBoxAsync())!;
            Assert.True(box.Width >= 64 && box.Height >= 64, $"pain button {await face.GetAttributeAsync("data-value")} is {box.Width}x{box.Height} px");
        }

        if (width < 1000)
        {
            // Upright, one column: the pain scale comes before the charts, so rating needs no scrolling past them.
            var pain = (await page.Locator("#pain").BoundingBoxAsync())!;
            var chart = (await page.Locator("#chart-temperature").BoundingBoxAsync())!;
            Assert.True(pain.Y < chart.Y, $"the pain scale (y {pain.Y}) is below the charts (y {chart.Y})");
        }

        await Support.Browser.ScreenshotAsync(page, screenshot);
        await ConsoleActions.StopAsync(page);
        await page.Context.CloseAsync();
    }

    /// <summary>
    /// What is wrong with the layout at this window size: the page wider than the window, STOP off screen at the top or
    /// the bottom of the page, or STOP covering any control, chart, alarm or event once that is scrolled to the middle of
    /// the window (as a finger would find it).
    /// </summary>
    private static async Task<IReadOnlyList<string>> LayoutProblemsAsync(IPage page) => await page.EvaluateAsync<string[]>("""
        () => {
          const problems = [];
          const stop = document.getElementById('stop');
          const overlaps = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
          const onScreen = (r) => r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth && r.width > 0;
          const name = (e) => e.id ? '#' + e.id : `${e.tagName.toLowerCase()}.${e.className} "${(e.textContent ?? '').trim().slice(0, 30)}"`;
          if (document.documentElement.scrollWidth > innerWidth) problems.push(`the page is ${document.documentElement.scrollWidth} px wide in a ${innerWidth} px window`);
          for (const y of [0, document.documentElement.scrollHeight]) {
            scrollTo(0, y);
            if (!onScreen(stop.getBoundingClientRect())) problems.push(`STOP is off screen scrolled to ${y}`);
          }
          const controls = [...document.querySelectorAll('main button, main input, main select, main .chart, #event-log li, #alarm-list li')]
            .filter((e) => e !== stop && e.type !== 'hidden' && e.getClientRects().length > 0);
          // At the top of the page, as it opens: nothing on screen under STOP.
          scrollTo(0, 0);
          const atTop = stop.getBoundingClientRect();
          for (const control of controls) {
            const r = control.getBoundingClientRect();
            if (!control.closest('.status-strip') && r.bottom > 0 && r.top < innerHeight && overlaps(atTop, r)) problems.push(`STOP covers ${name(control)} at the top of the page`);
          }
          // Each control scrolled to the middle of the window, as a finger would find it.
          for (const control of controls) {
            control.scrollIntoView({ block: 'center' });
            const s = stop.getBoundingClientRect();
            if (!onScreen(s)) problems.push(`STOP is off screen with ${name(control)} in view`);
            if (!control.closest('.status-strip') && overlaps(s, control.getBoundingClientRect())) problems.push(`STOP covers ${name(control)}`);
          }
          scrollTo(0, 0);
          return problems;
        }
        """);

    [Fact]
    public async Task The_live_charts_y_ranges_are_whole_units_wide_enough_that_sensor_noise_neither_fills_nor_moves_them()
    {
        var page = await fixture.Browser.SignInAsync(Stack.BaseUrl, DashboardStack.Therapist);
        await page.GotoAsync($"/devices/{Stack.DeviceId}");
        var ranges = await page.EvaluateAsync<double[][]>("""
            async () => {
              const { steadyRange } = await import('/js/chart.js');
              return [steadyRange(30.38, 30.42, 4), steadyRange(30.36, 30.47, 4), steadyRange(31.9, 36.2, 4),
                      steadyRange(2.8, 3.2, 5, 0), steadyRange(0.5, 1, 5, 0), steadyRange(null, null, 4, 0)];
            }
            """);
        Assert.Equal([28, 32], ranges[0]); // a pad holding 30.4 °C: 4 °C around it, not 0.04 °C of noise
        Assert.Equal([28, 32], ranges[1]); // the noise moves, the axis does not
        Assert.Equal([31, 37], ranges[2]); // a ramp: the whole of it, rounded out to whole degrees
        Assert.Equal([0, 5], ranges[3]);   // a resting limb's 3 N: from 0, at least 5 N
        Assert.Equal([0, 5], ranges[4]);   // never below the floor
        Assert.Equal([0, 4], ranges[5]);   // no data yet
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Every_page_has_the_shared_header_and_signing_out_from_it_works()
    {
        var page = await fixture.Browser.SignInAsync(Stack.BaseUrl, DashboardStack.Therapist);
        foreach (var path in new[] { "/", $"/devices/{Stack.DeviceId}", "/audit" })
        {
            await page.GotoAsync(path);
            await Expect(page.Locator("header.bar a.brand")).ToHaveTextAsync("AmpsDevice");
            await Expect(page.Locator("header.bar #me")).ToHaveTextAsync($"{DashboardStack.Therapist} (therapist)");
            await Expect(page.Locator("header.bar #nav-audit")).ToBeVisibleAsync();
        }

        await page.ClickAsync("header.bar button[type=submit]");
        await page.WaitForURLAsync("**/login**");
        await page.GotoAsync("/");
        await page.WaitForURLAsync("**/login**");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_uploaded_profile_with_errors_shows_each_with_its_json_path_and_sends_nothing()
    {
        var page = await fixture.Browser.SignInAsync(Stack.BaseUrl, DashboardStack.Therapist);
        await page.GotoAsync($"/devices/{Stack.DeviceId}");
        await page.CheckAsync("input[name=source][value=file]");
        await page.SetInputFilesAsync("#profile-file", new FilePayload
        {
            Name = "bad.json",
            MimeType = "application/json",
            Buffer = System.Text.Encoding.UTF8.GetBytes("""{"schema":"amps.profile/1","name":"too hot","painStopAt":6,"steps":[{"kind":"thermal","pad":"pad1","targetC":55,"rampCPerS":0.5,"holdS":10}]}"""),
        });
        await Expect(page.Locator("#profile-errors li code").First).ToHaveTextAsync("steps[0].thermal.targetC");
        await Expect(page.Locator("#chart-preview canvas")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_observer_has_no_command_controls_and_a_forged_command_is_refused_with_403()
    {
        var page = await fixture.Browser.SignInAsync(Stack.BaseUrl, DashboardStack.Observer);
        await page.GotoAsync($"/devices/{Stack.DeviceId}");
        await Expect(page.Locator("#connectivity")).ToHaveTextAsync("online", new() { Timeout = 30_000 });
        await Expect(page.Locator("#stop")).ToBeHiddenAsync();
        await Expect(page.Locator("#start")).ToBeHiddenAsync();
        await Expect(page.Locator("#pain button")).ToHaveCountAsync(0);
        await Expect(page.Locator("#nav-audit")).ToBeHiddenAsync();
        await Support.Browser.ScreenshotAsync(page, "console-observer.png");

        // The same request the therapist's STOP sends, with the observer's own valid antiforgery token.
        var status = await page.EvaluateAsync<int>("""
            async (id) => {
              const me = await (await fetch('/api/me')).json();
              const r = await fetch(`/api/devices/${id}/session/start`, { method: 'POST',
                headers: { 'Content-Type': 'application/json', [me.antiforgeryHeader]: me.antiforgeryToken },
                body: JSON.stringify({ patientId: 'p-001' }) });
              return r.status;
            }
            """, Stack.DeviceId);
        Assert.Equal(403, status);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_command_without_the_antiforgery_token_is_refused()
    {
        var page = await fixture.Browser.SignInAsync(Stack.BaseUrl, DashboardStack.Therapist);
        var status = await page.EvaluateAsync<int>("""
            async (id) => (await fetch(`/api/devices/${id}/session/stop`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).status
            """, Stack.DeviceId);
        Assert.Equal(400, status);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_device_id_full_of_markup_and_its_malformed_payloads_render_as_text()
    {
        var page = await fixture.Browser.SignInAsync(Stack.BaseUrl, DashboardStack.Therapist);
        var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", Stack.Broker.Port)
            .WithCredentials(ConsoleFixture.HostileId, MosquittoBroker.DevicePassword).WithClientId("hostile").Build());
        var prefix = $"amps/v1/{ConsoleFixture.HostileId}/";
        await client.PublishStringAsync(prefix + "telemetry", "{\"schema\":\"amps.telemetry/1\",\"samples\":[[[[");
        await client.PublishStringAsync(prefix + "session", "{\"schema\":\"amps.session/9\",\"state\":\"running\",\"at\":\"2026-01-01T00:00:00Z\"}");
        await client.PublishStringAsync(prefix + "events", new string('x', 100_000));
        await client.PublishStringAsync(prefix + "status",
            $$"""{"schema":"amps.status/1","state":"online","deviceId":"<script>alert(2)</script>","bootId":"b","version":"<b>1</b>","hardwareMode":"hardware","at":"2026-01-01T00:00:00Z"}""");
        await client.PublishStringAsync(prefix + "alarms",
            """{"schema":"amps.alarms/1","active":[{"id":"a1","rule":"r","priority":"medium","message":"<img src=y onerror=alert(3)> check the pad","latched":false,"raisedAt":"2026-01-01T00:00:00Z"}],"at":"2026-01-01T00:00:00Z"}""");
        await client.DisconnectAsync();

        var card = page.Locator(".device-card.invalid");
        await Expect(card.Locator(".device-id")).ToHaveTextAsync(ConsoleFixture.HostileId, new() { Timeout = 20_000 });
        await Expect(card.Locator(".alarm-line .message")).ToHaveTextAsync("<img src=y onerror=alert(3)> check the pad");
        await Expect(page.Locator("#devices img")).ToHaveCountAsync(0);
        await Expect(page.Locator($".device-card[data-device-id='{Stack.DeviceId}']")).ToBeVisibleAsync();
        Assert.Equal(0, await card.Locator("a").CountAsync());

        // Alarms sort first: the hostile device's medium alarm is above the healthy device (unless that one has a higher one).
        await Support.Browser.ScreenshotAsync(page, "clinic-hostile-id.png");
        await WaitForLogAsync($"Device {ConsoleFixture.HostileId}: telemetry payload ignored");
        await WaitForLogAsync($"Device {ConsoleFixture.HostileId}: session payload ignored: schema 'amps.session/9'");
        await WaitForLogAsync($"Device {ConsoleFixture.HostileId}: events payload ignored: payload of 100000 bytes");
        await page.Context.CloseAsync();
    }

    private async Task WaitForLogAsync(string text)
    {
        for (var i = 0; i < 100 && !Stack.Dashboard.Logged(text); i++)
        {
            await Task.Delay(100);
        }

        Assert.True(Stack.Dashboard.Logged(text), $"the dashboard did not log '{text}':\n{Stack.Dashboard.Output}");
    }
}
