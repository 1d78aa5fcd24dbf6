using System.Text.Json;
using System.Text.Json.Nodes;
using AmpsDevice.Dashboard.Devices;
using AmpsDevice.Dashboard.Hosting;
using AmpsDevice.Dashboard.Profiles;
using AmpsDevice.Dashboard.Users;
using AmpsDevice.Protocol.Messages;
using AmpsDevice.Protocol.Profiles;
using AmpsDevice.Protocol.Topics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AmpsDevice.Dashboard.Commands;

/// <summary>Start by patient id (the device runs the patient's plan), by a stored profile's id, or with a whole profile.</summary>
public sealed record StartRequest(string? PatientId, string? ProfileId = null, JsonElement? Profile = null);

/// <summary>A 0-10 numeric rating.</summary>
public sealed record PainRequest(int? Value);

/// <summary>A request the dashboard refused before sending anything; profile errors carry their JSON paths.</summary>
public sealed record RequestRefused(string Error, IReadOnlyList<ProfileError>? ProfileErrors = null);

/// <summary>Commands, for therapists only; every one goes to the device over MQTT and into the audit.</summary>
public static class CommandEndpoints
{
    public const string ProfilesList = "profiles.list";
    public const string ProfilesGet = "profiles.get";

    public static IServiceCollection AddCommands(this IServiceCollection services) => services.AddSingleton<CommandSender>();

    public static WebApplication MapCommands(this WebApplication app)
    {
        var device = app.MapGroup("/api/devices/{deviceId}")
            .RequireAuthorization(Roles.TherapistPolicy)
            .RequireAntiforgeryHeader()
            .WithTags("Commands");
        device.MapPost("/session/start", StartAsync).WithSummary("session.start: by patient id, a stored profile id, or a profile (validated here first)");
        device.MapPost("/session/pause", (string deviceId, HttpContext http, CommandSender s) => SimpleAsync(http, s, deviceId, CommandNames.SessionPause));
        device.MapPost("/session/resume", (string deviceId, HttpContext http, CommandSender s) => SimpleAsync(http, s, deviceId, CommandNames.SessionResume));
        device.MapPost("/session/stop", (string deviceId, HttpContext http, CommandSender s) => SimpleAsync(http, s, deviceId, CommandNames.SessionStop));
        device.MapPost("/alarms/ack", (string deviceId, HttpContext http, CommandSender s) => SimpleAsync(http, s, deviceId, CommandNames.FaultAck))
            .WithSummary("fault.ack: the device refuses while an alarm's cause persists; its reason comes back verbatim");
        device.MapPost("/pain", PainAsync).WithSummary("pain.rate: 0-10");
        device.MapGet("/profiles", (string deviceId, HttpContext http, CommandSender s) => SimpleAsync(http, s, deviceId, ProfilesList))
            .WithSummary("profiles.list: the profiles stored on the device");
        device.MapGet("/profiles/{profileId}", ProfileAsync).WithSummary("profiles.get: one stored profile and its timeline");
        return app;
    }

    private static async Task<Results<Ok<CommandResult>, BadRequest<RequestRefused>>> SimpleAsync(HttpContext http, CommandSender sender, string deviceId, string command)
    {
        if (!DeviceTopics.IsValidDeviceId(deviceId, out var why))
        {
            return TypedResults.BadRequest(new RequestRefused($"not a device id: {why}"));
        }

        return TypedResults.Ok(await sender.SendAsync(http.User, deviceId, command, [], "", http.RequestAborted));
    }

    private static async Task<Results<Ok<CommandResult>, BadRequest<RequestRefused>>> PainAsync(string deviceId, PainRequest request, HttpContext http, CommandSender sender)
    {
        if (!DeviceTopics.IsValidDeviceId(deviceId, out var why))
        {
            return TypedResults.BadRequest(new RequestRefused($"not a device id: {why}"));
        }

        if (request.Value is not (>= 0 and <= 10))
        {
            return TypedResults.BadRequest(new RequestRefused("a pain rating is a whole number 0-10"));
        }

        return TypedResults.Ok(await sender.SendAsync(http.User, deviceId, CommandNames.PainRate, new JsonObject { ["value"] = request.Value }, $"value {request.Value}", http.RequestAborted));
    }

    private static async Task<Results<Ok<CommandResult>, BadRequest<RequestRefused>>> StartAsync(
        string deviceId, StartRequest request, HttpContext http, CommandSender sender, DeviceRegistry registry, SessionTimelines timelines)
    {
        if (!DeviceTopics.IsValidDeviceId(deviceId, out var why))
        {
            return TypedResults.BadRequest(new RequestRefused($"not a device id: {why}"));
        }

        if (!PatientIds.IsPseudonymous(request.PatientId))
        {
            return TypedResults.BadRequest(new RequestRefused($"patient id: {PatientIds.Rule}"));
        }

        var payload = new JsonObject { ["patientId"] = request.PatientId };
        var summary = $"patient {request.PatientId}";
        TimelineView? timeline = null;
        if (request.Profile is { } profile && profile.ValueKind != JsonValueKind.Null)
        {
            var checkedProfile = ProfileParser.Parse(profile);
            if (!checkedProfile.IsValid)
            {
                return TypedResults.BadRequest(new RequestRefused("the profile is not valid", checkedProfile.Errors));
            }

            payload["profile"] = JsonNode.Parse(profile.GetRawText());
            summary += $", profile '{checkedProfile.Value!.Name}' ({checkedProfile.Value.Steps.Count} steps, uploaded)";
            timeline = TimelineView.Of(checkedProfile.Value);
        }
        else if (!string.IsNullOrEmpty(request.ProfileId))
        {
            payload["profileId"] = request.ProfileId;
            summary += $", stored profile {request.ProfileId}";
        }
        else
        {
            summary += ", the patient's plan";
        }

        var result = await sender.SendAsync(http.User, deviceId, CommandNames.SessionStart, payload, summary, http.RequestAborted);
        if (result.Ok && timeline is not null && result.Reply is { } reply
            && reply.TryGetProperty("sessionId", out var id) && id.GetString() is { } sessionId)
        {
            timelines.Remember(deviceId, sessionId, timeline);
            if (registry.Find(deviceId)?.Session is { } session && session.SessionId == sessionId)
            {
                registry.OnSession(deviceId, session, timeline);
            }
        }

        return TypedResults.Ok(result);
    }

    private static async Task<Results<Ok<StoredProfile>, BadRequest<RequestRefused>>> ProfileAsync(string deviceId, string profileId, HttpContext http, CommandSender sender)
    {
        if (!DeviceTopics.IsValidDeviceId(deviceId, out var why))
        {
            return TypedResults.BadRequest(new RequestRefused($"not a device id: {why}"));
        }

        var result = await sender.SendAsync(http.User, deviceId, ProfilesGet, new JsonObject { ["profileId"] = profileId }, $"profile {profileId}", http.RequestAborted);
        TimelineView? timeline = null;
        IReadOnlyList<ProfileError>? errors = null;
        if (result.Ok && result.Reply is { } reply && reply.TryGetProperty("profile", out var profile))
        {
            var parsed = ProfileParser.Parse(profile);
            timeline = parsed.Value is { } p ? TimelineView.Of(p) : null;
            errors = parsed.IsValid ? null : parsed.Errors;
        }

        return TypedResults.Ok(new StoredProfile(result, timeline, errors));
    }
}

/// <summary>A stored profile as the device sent it, with the timeline the console charts before start.</summary>
public sealed record StoredProfile(CommandResult Result, TimelineView? Timeline, IReadOnlyList<ProfileError>? Errors);
