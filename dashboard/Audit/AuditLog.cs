using AmpsDevice.Dashboard.Storage;

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
            new { at = at.UtcDateTime.ToString("O"), user, deviceId, command, payloadSummary, ok = ok ? 1 : 0, reply = reply.Length > MaxReplyLength ? reply[..MaxReplyLength] + "..." : reply },
            ct: ct);
    }

    /// <summary>The newest entries first, optionally for one device.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ListAsync(string? deviceId, int limit, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.QueryAsync(
            "SELECT id, at, user_name, device_id, command, payload_summary, ok, reply FROM audit " +
            "WHERE @deviceId IS NULL OR device_id = @deviceId ORDER BY id DESC LIMIT @limit",
            new { deviceId, limit = Math.Clamp(limit, 1, 1000) },
            r => new AuditEntry(
                r.Long(0), DateTimeOffset.Parse(r.Text(1), System.Globalization.CultureInfo.InvariantCulture), r.Text(2), r.Text(3), r.Text(4), r.Text(5), r.Long(6) != 0, r.Text(7)),
            ct: ct);
    }
}
