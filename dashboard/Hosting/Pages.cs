using AmpsDevice.Dashboard.Users;

namespace AmpsDevice.Dashboard.Hosting;

/// <summary>The HTML pages: static shells from wwwroot, shown only to a signed-in user; their ES modules do the rest.</summary>
public static class Pages
{
    public static WebApplication MapPages(this WebApplication app)
    {
        var root = app.Environment.WebRootPath;
        app.MapGet("/", () => Page(root, "clinic.html")).RequireAuthorization().ExcludeFromDescription();
        app.MapGet("/devices/{deviceId}", (string deviceId) => Page(root, "console.html")).RequireAuthorization().ExcludeFromDescription();
        app.MapGet("/audit", () => Page(root, "audit.html")).RequireAuthorization(Roles.TherapistPolicy).ExcludeFromDescription();
        return app;
    }

    private static Microsoft.AspNetCore.Http.HttpResults.PhysicalFileHttpResult Page(string root, string file) =>
        TypedResults.PhysicalFile(Path.Combine(root, file), "text/html; charset=utf-8");
}
