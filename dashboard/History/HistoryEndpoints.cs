using System.Security.Claims;
using AmpsDevice.Dashboard.Devices;
using AmpsDevice.Dashboard.Users;
using AmpsDevice.Protocol.Messages;
using AmpsDevice.Protocol.Records;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AmpsDevice.Dashboard.History;

/// <summary>
/// The history's HTTP API and pages, for every signed-in user (a therapist, and an observer who may read): search,
/// a patient's sessions, one session (with its telemetry as the live console receives it), its exports. The
/// commands sent around a session (the audit) are shown to therapists only, as the audit itself is.
/// </summary>
public static class HistoryEndpoints
{
    private static readonly string[] Outcomes = ["completed", "stopped", "safety-stop", HistoryWriter.Interrupted, "running"];

    public static WebApplication MapHistory(this WebApplication app)
    {
        var api = app.MapGroup("/api/history").RequireAuthorization().WithTags("History");
        api.MapGet("/sessions", Search).WithSummary("Stored sessions, newest first: by patient, device, start date range (from inclusive, to exclusive) and outcome");
        api.MapGet("/patients/{patientId}", Patient).WithSummary("Every stored session of one patient, oldest first; 404 when none");
        api.MapGet("/devices/{deviceId}/sessions/{sessionId}", Session).WithSummary("One stored session: summary, profile, states, events, commands, telemetry, parts and gaps");
        api.MapGet("/devices/{deviceId}/sessions/{sessionId}/export.json", ExportJson).WithSummary("The session as amps.session-record/1, as `ampsdevice export --json` writes it");
        api.MapGet("/devices/{deviceId}/sessions/{sessionId}/export.csv", ExportCsv).WithSummary("The session's samples as CSV, as `ampsdevice export --csv` writes them");

        var files = app.Environment.WebRootFileProvider;
        app.MapGet("/history", () => Page(files, "history.html")).RequireAuthorization().ExcludeFromDescription();
        app.MapGet("/history/patients/{patientId}", (string patientId) => Page(files, "patient.html")).RequireAuthorization().ExcludeFromDescription();
        app.MapGet("/history/devices/{deviceId}/sessions/{sessionId}", (string deviceId, string sessionId) => Page(files, "session.html")).RequireAuthorization().ExcludeFromDescription();
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<SessionSummary>>, BadRequest<Problem>>> Search(
        HistoryQueries queries, string? patient, string? device, DateTimeOffset? from, DateTimeOffset? to, string? outcome, int? limit, CancellationToken ct)
    {
        if (patient is not null && !PatientIds.IsPseudonymous(patient))
        {
            return TypedResults.BadRequest(new Problem($"patient: {PatientIds.Rule}"));
        }

        if (outcome is not null && !Outcomes.Contains(outcome))
        {
            return TypedResults.BadRequest(new Problem($"outcome: one of {string.Join(", ", Outcomes)}"));
        }

        if (from is not null && to is not null && to <= from)
        {
            return TypedResults.BadRequest(new Problem("to: must be after from"));
        }

        return TypedResults.Ok(await queries.SearchAsync(new SessionSearch(patient, NullIfEmpty(device), from, to, outcome, limit ?? 500), ct));
    }

    private static async Task<Results<Ok<PatientHistory>, NotFound<Problem>, BadRequest<Problem>>> Patient(string patientId, HistoryQueries queries, CancellationToken ct)
    {
        if (!PatientIds.IsPseudonymous(patientId))
        {
            return TypedResults.BadRequest(new Problem($"patient: {PatientIds.Rule}"));
        }

        var sessions = await queries.PatientAsync(patientId, ct);
        if (sessions.Count == 0)
        {
            return TypedResults.NotFound(new Problem($"no sessions stored for patient '{patientId}'"));
        }

        var ratings = await queries.PainRatingsAsync(patientId, ct);
        return TypedResults.Ok(new PatientHistory(patientId, sessions, [.. sessions.Select(s => ratings[(s.DeviceId, s.SessionId)].ToList())]));
    }

    private static async Task<Results<Ok<SessionPage>, NotFound<Problem>>> Session(string deviceId, string sessionId, HistoryQueries queries, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await queries.SessionAsync(deviceId, sessionId, ct) is not { } detail)
        {
            return NotFound(deviceId, sessionId);
        }

        var samples = new List<TimedSample>();
        foreach (var message in detail.Telemetry)
        {
            var batch = System.Text.Json.JsonSerializer.Deserialize(message.Payload, ProtocolJsonContext.Default.TelemetryBatch)!;
            var first = batch.At.ToUnixTimeMilliseconds();
            samples.AddRange(batch.Samples.Select((s, i) => new TimedSample(first + (i * batch.SamplePeriodS * 1000), s)));
        }

        var commands = user.IsInRole(Roles.Therapist) ? detail.Commands : null;
        return TypedResults.Ok(new SessionPage(detail.Summary, detail.ProfileId, ProfileOf(detail.ProfileJson), detail.StepCount, detail.States, detail.Events, commands,
            samples, detail.Telemetry.Count > 0 ? detail.Telemetry[0].SamplePeriodS : null, detail.Parts, detail.Gaps));
    }

    private static async Task<IResult> ExportJson(string deviceId, string sessionId, HistoryQueries queries, CancellationToken ct)
    {
        if (await queries.SessionAsync(deviceId, sessionId, ct) is not { } detail)
        {
            return NotFound(deviceId, sessionId);
        }

        var record = SessionRecordExport.Build(detail);
        return TypedResults.Stream(stream => Task.Run(() => SessionRecordExport.WriteJson(record, stream), ct), "application/json",
            FileName(deviceId, sessionId, "json"));
    }

    private static async Task<IResult> ExportCsv(string deviceId, string sessionId, HistoryQueries queries, CancellationToken ct)
    {
        if (await queries.SessionAsync(deviceId, sessionId, ct) is not { } detail)
        {
            return NotFound(deviceId, sessionId);
        }

        var samples = SessionRecordExport.Build(detail).Samples;
        var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        SessionCsv.Write(samples.Columns, samples.Rows, writer);
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(writer.ToString()), "text/csv; charset=utf-8", FileName(deviceId, sessionId, "csv"));
    }

    private static NotFound<Problem> NotFound(string deviceId, string sessionId) =>
        TypedResults.NotFound(new Problem($"no session '{Hosting.LogText.Safe(sessionId)}' of device '{Hosting.LogText.Safe(deviceId)}' is stored"));

    private static string FileName(string deviceId, string sessionId, string extension) =>
        new string($"{deviceId}-{sessionId}".Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray()) + "." + extension;

    private static System.Text.Json.JsonElement? ProfileOf(string? json)
    {
        if (json is null)
        {
            return null;
        }

        using var document = System.Text.Json.JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    private static FileStreamHttpResult Page(Microsoft.Extensions.FileProviders.IFileProvider files, string name) =>
        TypedResults.Stream(files.GetFileInfo(name).CreateReadStream(), "text/html; charset=utf-8");
}

/// <summary>Why a request found nothing or was refused, in words.</summary>
public sealed record Problem(string Error);

/// <summary>A patient's page: every session, oldest first, and each session's pain ratings in the order given.</summary>
public sealed record PatientHistory(string PatientId, IReadOnlyList<SessionSummary> Sessions, IReadOnlyList<IReadOnlyList<int>> PainRatings);

/// <summary>One session as its page replays it: the telemetry in the live console's shape (<see cref="TimedSample"/>).</summary>
public sealed record SessionPage(
    SessionSummary Summary,
    string? ProfileId,
    System.Text.Json.JsonElement? Profile,
    int? StepCount,
    IReadOnlyList<StoredState> States,
    IReadOnlyList<StoredEvent> Events,
    IReadOnlyList<StoredCommand>? Commands,
    IReadOnlyList<TimedSample> Samples,
    double? SamplePeriodS,
    IReadOnlyList<TelemetryPart> Parts,
    IReadOnlyList<TelemetryGap> Gaps);
