using AmpsDevice.Dashboard.Hosting;
using AmpsDevice.Dashboard.Users;
using AmpsDevice.Protocol.Profiles;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AmpsDevice.Dashboard.Profiles;

/// <summary>A profile checked with device-protocol's parser and validator: every error with its JSON path, or its timeline.</summary>
public sealed record ProfileCheck(bool Valid, IReadOnlyList<ProfileError> Errors, TimelineView? Timeline, string? Summary);

public static class ProfileEndpoints
{
    public static WebApplication MapProfiles(this WebApplication app)
    {
        app.MapPost("/api/profiles/check", CheckAsync)
            .RequireAuthorization(Roles.TherapistPolicy)
            .RequireAntiforgeryHeader()
            .Accepts<object>("application/json")
            .WithTags("Profiles")
            .WithSummary("Checks an uploaded profile (the file's bytes as the body) and lays it out in time");
        return app;
    }

    private static async Task<Ok<ProfileCheck>> CheckAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        var result = ProfileParser.Parse(new ReadOnlyMemory<byte>(buffer.GetBuffer(), 0, (int)buffer.Length));
        return TypedResults.Ok(result.Value is { } profile
            ? new ProfileCheck(true, [], TimelineView.Of(profile), ProfileSummary.Describe(profile))
            : new ProfileCheck(false, result.Errors, null, null));
    }
}
