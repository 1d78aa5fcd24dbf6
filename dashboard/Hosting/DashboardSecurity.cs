using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.HttpOverrides;

namespace AmpsDevice.Dashboard.Hosting;

/// <summary>
/// The request pipeline's protections: strict headers with a Content-Security-Policy that allows no inline
/// script, forwarded headers from a reverse proxy on this machine (TLS ends there), cookie authentication,
/// authorization and antiforgery.
/// </summary>
public static class DashboardSecurity
{
    /// <summary>The header the pages send the antiforgery token in.</summary>
    public const string AntiforgeryHeader = "X-CSRF-TOKEN";

    /// <summary>Scripts, styles, data and the live stream come from this origin only; nothing inline, no framing.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static IServiceCollection AddDashboardAntiforgery(this IServiceCollection services) =>
        services.AddAntiforgery(o =>
        {
            o.HeaderName = AntiforgeryHeader;
            o.Cookie.Name = "amps.af";
            o.Cookie.SameSite = SameSiteMode.Strict;
        });

    public static WebApplication UseDashboardSecurity(this WebApplication app)
    {
        // Behind a TLS-terminating proxy on the same machine (docs/dashboard.md): the scheme and client address
        // come from X-Forwarded-*; by default only loopback proxies are believed.
        app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto });
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            await next(context);
        });
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    /// <summary>Every state-changing JSON request carries the antiforgery token in <see cref="AntiforgeryHeader"/>.</summary>
    public static TBuilder RequireAntiforgeryHeader<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
            {
                var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
                if (!await antiforgery.IsRequestValidAsync(http))
                {
                    return TypedResults.Problem("the antiforgery token is missing or wrong; reload the page", statusCode: StatusCodes.Status400BadRequest);
                }
            }

            return await next(context);
        });
}
