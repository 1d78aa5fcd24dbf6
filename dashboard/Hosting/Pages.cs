using AmpsDevice.Dashboard.Users;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AmpsDevice.Dashboard.Hosting;

/// <summary>The HTML pages: static shells from wwwroot, shown only to a signed-in user; their ES modules do the rest.</summary>
public static class Pages
{
    public static WebApplication MapPages(this WebApplication app)
    {
        var files = app.Environment.WebRootFileProvider;
        app.MapGet("/", () => Page(files, "clinic.html")).RequireAuthorization().ExcludeFromDescription();
        app.MapGet("/devices/{deviceId}", (string deviceId) => Page(files, "console.html")).RequireAuthorization().ExcludeFromDescription();
        app.MapGet("/audit", () => Page(files, "audit.html")).RequireAuthorization(Roles.TherapistPolicy).ExcludeFromDescription();
        return app;
    }

    private static FileStreamHttpResult Page(Microsoft.Extensions.FileProviders.IFileProvider files, string name) =>
        TypedResults.Stream(files.GetFileInfo(name).CreateReadStream(), "text/html; charset=utf-8");
}
