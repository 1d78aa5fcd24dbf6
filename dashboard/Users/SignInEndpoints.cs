using System.Security.Claims;
using AmpsDevice.Dashboard.Hosting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AmpsDevice.Dashboard.Users;

/// <summary>Who the current user is (for the pages), and the token their state-changing requests carry.</summary>
public sealed record Me(string Name, string Role, bool MayCommand, string AntiforgeryToken, string AntiforgeryHeader);

/// <summary><c>/login</c>, <c>/logout</c>, <c>/setup</c> (first run) and <c>/api/me</c>.</summary>
public static partial class SignInEndpoints
{
    public static WebApplication MapUsers(this WebApplication app)
    {
        app.MapGet("/login", (HttpContext http, IAntiforgery af, string? returnUrl) => LoginPage(http, af, returnUrl, null))
            .AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/login", SignInAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/logout", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return TypedResults.Redirect("/login");
        }).RequireAuthorization().ExcludeFromDescription();
        app.MapGet("/setup", SetupPageAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/setup", SetUpAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/api/me", Me).RequireAuthorization().WithTags("Users");
        return app;
    }

    private static Ok<Me> Me(HttpContext http, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var role = http.User.FindFirstValue(ClaimTypes.Role) ?? Roles.Observer;
        return TypedResults.Ok(new Me(http.User.Identity?.Name ?? "", role, role == Roles.Therapist, tokens.RequestToken!, DashboardSecurity.AntiforgeryHeader));
    }

    private static ContentHttpResult LoginPage(HttpContext http, IAntiforgery antiforgery, string? returnUrl, string? message, int status = 200)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var html = FormPage.Render("Sign in", "/login", tokens.FormFieldName, tokens.RequestToken!, message,
            [("username", "User name", "text", ""), ("password", "Password", "password", ""), ("returnUrl", "", "hidden", returnUrl ?? "/")],
            "Sign in");
        return TypedResults.Content(html, "text/html; charset=utf-8", statusCode: status);
    }

    private static async Task<IResult> SignInAsync(HttpContext http, IAntiforgery antiforgery, UserStore users, ILoggerFactory logs,
        [FromForm] string? username, [FromForm] string? password, [FromForm] string? returnUrl)
    {
        var user = await users.VerifyAsync(username, password, http.RequestAborted);
        if (user is null)
        {
            LogSignInFailed(logs.CreateLogger("AmpsDevice.Dashboard.Users"), LogText.Safe(username));
            return LoginPage(http, antiforgery, returnUrl, "Wrong user name or password.", StatusCodes.Status401Unauthorized);
        }

        await SignInUserAsync(http, user);
        return TypedResults.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
    }

    private static async Task<IResult> SetupPageAsync(HttpContext http, IAntiforgery antiforgery, SetupToken setup, string? token)
    {
        if (!await setup.IsValidAsync(token, http.RequestAborted))
        {
            return TypedResults.Redirect("/login");
        }

        return SetupPage(http, antiforgery, token!, null);
    }

    private static ContentHttpResult SetupPage(HttpContext http, IAntiforgery antiforgery, string token, string? message)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var html = FormPage.Render("First run: create the first therapist", "/setup", tokens.FormFieldName, tokens.RequestToken!, message,
            [("username", "User name", "text", ""), ("password", $"Password (at least {UserStore.MinPasswordLength} characters)", "password", ""), ("token", "", "hidden", token)],
            "Create and sign in",
            "Add more users later with: ampsdashboard users add NAME --role therapist|observer --password-stdin");
        return TypedResults.Content(html, "text/html; charset=utf-8", statusCode: message is null ? 200 : 400);
    }

    private static async Task<IResult> SetUpAsync(HttpContext http, IAntiforgery antiforgery, SetupToken setup, UserStore users,
        [FromForm] string? token, [FromForm] string? username, [FromForm] string? password)
    {
        if (!await setup.IsValidAsync(token, http.RequestAborted))
        {
            return TypedResults.Redirect("/login");
        }

        var error = await users.AddAsync(username ?? "", Roles.Therapist, password ?? "", http.RequestAborted);
        if (error is not null)
        {
            return SetupPage(http, antiforgery, token!, error);
        }

        setup.Void();
        await SignInUserAsync(http, new DashboardUser(username!, Roles.Therapist, DateTimeOffset.UtcNow));
        return TypedResults.LocalRedirect("/");
    }

    private static Task SignInUserAsync(HttpContext http, DashboardUser user) =>
        http.SignInAsync(
            CookieAuthenticationDefaults.AuthenticationScheme,
            new ClaimsPrincipal(new ClaimsIdentity(
                [new Claim(ClaimTypes.Name, user.Name), new Claim(ClaimTypes.Role, user.Role)],
                CookieAuthenticationDefaults.AuthenticationScheme)));

    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in failed for user name {UserName}")]
    private static partial void LogSignInFailed(ILogger logger, string userName);
}
