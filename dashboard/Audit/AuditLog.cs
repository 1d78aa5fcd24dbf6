using AmpsDevice.Dashboard.Storage;
using Dapper;

namespace AmpsDevice.Dashboard.Audit;

/// <summary>One command as sent and answered: who, when, to which device, what (a summary, never a patient name), the reply.</summary>
public sealed record AuditEntry(long Id, DateTimeOffset At, string User, string DeviceId, string Command, string PayloadSummary, bool Ok, string Reply);

/// <summary>The audit table: every command the dashboard sends is written here, whatever the device answered.</summary>
public sealed class AuditLog(Database database)
{
    public const int MaxReplyLength = 2000;

    public async Task RecordAsync(DateTimeOffset at, string user, string deviceId, string command, string payloadSummary, bool ok, string reply, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        await connection.ExecuteAsync(
            "INSERT INTO audit (at, user_name, device_id, command, payload_summary, ok, reply) VALUES (@at, @user, @deviceId, @command, @payloadSummary, @ok, @reply)",
            new { at = at.UtcDateTime.ToString("O"), user, deviceId, command, payloadSummary, ok = ok ? 1 : 0, reply = reply.Length > MaxReplyLength ? reply[..MaxReplyLength] + "..." : reply });
    }

    /// <summary>The newest entries first, optionally for one device.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ListAsync(string? deviceId, int limit, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync<(long Id, string At, string User, string DeviceId, string Command, string Summary, long Ok, string Reply)>(
            "SELECT id, at, user_name, device_id, command, payload_summary, ok, reply FROM audit " +
            "WHERE @deviceId IS NULL OR device_id = @deviceId ORDER BY id DESC LIMIT @limit",
            new { deviceId, limit = Math.Clamp(limit, 1, 1000) });
        return [.. rows.Select(r => new AuditEntry(r.Id, DateTimeOffset.Parse(r.At, System.Globalization.CultureInfo.InvariantCulture), r.User, r.DeviceId, r.Command, r.Summary, r.Ok != 0, r.Reply))];
    }
}
