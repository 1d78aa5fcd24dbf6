using AmpsDevice.Dashboard.Users;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AmpsDevice.Dashboard.Audit;

public static class AuditEndpoints
{
    public static IServiceCollection AddAudit(this IServiceCollection services) => services.AddSingleton<AuditLog>();

    public static WebApplication MapAudit(this WebApplication app)
    {
        app.MapGroup("/api/audit").RequireAuthorization(Roles.TherapistPolicy).WithTags("Audit")
            .MapGet("/", async Task<Ok<IReadOnlyList<AuditEntry>>> (AuditLog audit, string? deviceId, int? limit, CancellationToken ct) =>
                TypedResults.Ok(await audit.ListAsync(deviceId, limit ?? 200, ct)))
            .WithSummary("Every command sent, newest first (therapists only)");
        return app;
    }
}
