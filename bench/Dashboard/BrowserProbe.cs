using Microsoft.Playwright;

namespace AmpsDevice.Bench.Dashboard;

/// <summary>
/// Debian's chromium driven by Playwright (no browser download), signed in to a dashboard, with two probes injected
/// before the pages' own scripts: one records when the console's temperature chart draws each sample, one records
/// every animation frame. Neither changes the page; both read the wall clock the device's samples carry (one machine,
/// one clock).
/// </summary>
public sealed class BrowserProbe : IAsyncDisposable
{
    public const string Chromium = "/usr/bin/chromium";

    /// <summary>
    /// Wraps the global <c>uPlot</c> as the vendored script defines it: each time-axis chart titled "Pad temperature"
    /// gets a <c>draw</c> hook (uPlot calls it when the canvas is painted) that records, for every x (the sample's
    /// wall time, s) not drawn before, the pair [sample ms, Date.now()].
    /// </summary>
    private const string DrawProbe = """
        (() => {
          const draws = [];
          window.__benchDraws = draws;
          let wrapped;
          Object.defineProperty(window, 'uPlot', {
            configurable: true,
            get() { return wrapped; },
            set(U) {
              function Probe(opts, data, target) {
                if (typeof opts.title === 'string' && opts.title.startsWith('Pad temperature')) {
                  let seen = -Infinity;
                  const hook = (u) => {
                    const now = Date.now();
                    const xs = u.data[0];
                    for (let i = xs.length - 1; i >= 0 && xs[i] > seen; i--) draws.push([xs[i] * 1000, now]);
                    if (xs.length) seen = Math.max(seen, xs[xs.length - 1]);
                  };
                  opts.plugins = [...(opts.plugins || []), { hooks: { draw: [hook] } }];
                }
                return new U(opts, data, target);
              }
              Object.assign(Probe, U);
              Probe.prototype = U.prototype;
              wrapped = Probe;
            },
          });
        })();
        """;

    /// <summary>Records the interval between consecutive animation frames, ms (what the user sees as smoothness).</summary>
    private const string FrameProbe = """
        (() => {
          const deltas = [];
          window.__benchFrames = deltas;
          let last = 0;
          const frame = (t) => { if (last) deltas.push(t - last); last = t; requestAnimationFrame(frame); };
          requestAnimationFrame(frame);
        })();
        """;

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly IBrowserContext _context;

    private BrowserProbe(IPlaywright playwright, IBrowser browser, IBrowserContext context)
    {
        _playwright = playwright;
        _browser = browser;
        _context = context;
    }

    /// <summary>Launches chromium and signs in at <paramref name="baseUrl"/> as the dashboard's bench observer.</summary>
    public static async Task<BrowserProbe> SignInAsync(string baseUrl, int width = 1280, int height = 900)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-gpu"],
        });
        var context = await browser.NewContextAsync(new() { BaseURL = baseUrl, ViewportSize = new() { Width = width, Height = height } });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.FillAsync("input[name=username]", DashboardProcess.User);
        await page.FillAsync("input[name=password]", DashboardProcess.Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(baseUrl + "/");
        await page.CloseAsync();
        return new BrowserProbe(playwright, browser, context);
    }

    /// <summary>The console of <paramref name="deviceId"/>, with the draw probe.</summary>
    public async Task<IPage> OpenConsoleAsync(string deviceId)
    {
        var page = await _context.NewPageAsync();
        await page.AddInitScriptAsync(DrawProbe);
        await page.GotoAsync("/devices/" + Uri.EscapeDataString(deviceId));
        await page.WaitForFunctionAsync("() => window.__benchDraws.length > 0");
        return page;
    }

    /// <summary>The clinic view, with the frame probe, once it lists <paramref name="devices"/> devices.</summary>
    public async Task<IPage> OpenClinicAsync(int devices)
    {
        var page = await _context.NewPageAsync();
        await page.AddInitScriptAsync(FrameProbe);
        await page.GotoAsync("/");
        await page.WaitForFunctionAsync($"() => document.querySelectorAll('.device-card').length >= {devices}");
        return page;
    }

    /// <summary>Sample-to-screen latencies recorded since the last call, ms (drawn minus sampled), and forgets them.</summary>
    public static async Task<IReadOnlyList<double>> TakeDrawLatenciesAsync(IPage page) =>
        await page.EvaluateAsync<double[]>("() => window.__benchDraws.splice(0).map(([sampled, drawn]) => drawn - sampled)");

    /// <summary>Animation frame intervals recorded since the last call, ms, and forgets them.</summary>
    public static async Task<IReadOnlyList<double>> TakeFrameDeltasAsync(IPage page) =>
        await page.EvaluateAsync<double[]>("() => window.__benchFrames.splice(0)");

    /// <summary>The signed-in session's cookies as a Cookie header, for the bench's own requests to the dashboard.</summary>
    public async Task<string> CookieHeaderAsync() =>
        string.Join("; ", (await _context.CookiesAsync()).Select(c => $"{c.Name}={c.Value}"));

    public async ValueTask DisposeAsync()
    {
        await _context.DisposeAsync();
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
