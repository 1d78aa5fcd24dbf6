using Microsoft.Playwright;

namespace AmpsDevice.Dashboard.Tests.Support;

/// <summary>Debian's chromium driven by Playwright (no browser download), one context per signed-in user.</summary>
public sealed class Browser : IAsyncDisposable
{
    public const string Chromium = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private Browser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    public static async Task<Browser> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-gpu"],
        });
        return new Browser(playwright, browser);
    }

    /// <summary>A fresh context (its own cookies) at a tablet-sized viewport, signed in as <paramref name="user"/>.</summary>
    public async Task<IPage> SignInAsync(string baseUrl, string user, string password = DashboardStack.Password, int width = 1280, int height = 900)
    {
        var context = await _browser.NewContextAsync(new() { BaseURL = baseUrl, ViewportSize = new() { Width = width, Height = height } });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        page.Dialog += (_, dialog) => throw new InvalidOperationException("the page opened a dialog: " + dialog.Message);
        await page.GotoAsync("/");
        await page.WaitForURLAsync("**/login**");
        await page.FillAsync("input[name=username]", user);
        await page.FillAsync("input[name=password]", password);
        await page.ClickAsync("button[type=submit]");
        try
        {
            await page.WaitForURLAsync(baseUrl + "/");
        }
        catch (TimeoutException ex)
        {
            // Say where the sign-in stopped (still on the form with its message, or on a page that never finished loading).
            var text = await page.EvaluateAsync<string>("() => document.body ? document.body.innerText.slice(0, 300) : '(no body)'");
            throw new TimeoutException($"signing in as {user} did not reach {baseUrl}/: the page is at {page.Url} and shows: {text}", ex);
        }

        return page;
    }

    public Task<IBrowserContext> NewContextAsync(string baseUrl) => _browser.NewContextAsync(new() { BaseURL = baseUrl });

    /// <summary>
    /// Set to 1, the screenshots go where docs/dashboard.md shows them (<c>docs/images/</c>); otherwise into
    /// <see cref="ScreenshotDirectory"/>, so a test run leaves the working tree as it was.
    /// </summary>
    public const string DocsScreenshotsVariable = "AMPS_DOCS_SCREENSHOTS";

    /// <summary><c>docs/images/</c> when <see cref="DocsScreenshotsVariable"/> is 1, else <c>screenshots/</c> in the test's output folder.</summary>
    public static string ScreenshotDirectory { get; } = Environment.GetEnvironmentVariable(DocsScreenshotsVariable) == "1"
        ? Repository.PathOf("docs", "images")
        : Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <summary>Saves a screenshot of the page scrolled to its top into <see cref="ScreenshotDirectory"/>.</summary>
    public static async Task ScreenshotAsync(IPage page, string name, bool fullPage = false)
    {
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDirectory, name), FullPage = fullPage });
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
