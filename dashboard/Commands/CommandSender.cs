using System.Security.Claims;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AmpsDevice.Dashboard.Audit;
using AmpsDevice.Dashboard.Devices;
using AmpsDevice.Dashboard.Hosting;
using AmpsDevice.Protocol.Topics;
using Microsoft.Extensions.Options;

namespace AmpsDevice.Dashboard.Commands;

/// <summary>What the page gets back: the device's reply as it sent it, or why there was none.</summary>
/// <param name="Ok">The device carried it out.</param>
/// <param name="Reply">The device's reply payload, verbatim (its <c>error</c> is what to show).</param>
/// <param name="Error">The device's error text, or why no reply came.</param>
public sealed record CommandResult(bool Ok, JsonElement? Reply, string? Error);

/// <summary>
/// Turns a therapist's request into an MQTT 5 request to <c>amps/v1/{deviceId}/cmd/{name}</c> with <c>issuedAt</c>
/// and a unique <c>id</c>, waits for the device's reply, and audits it, whatever the outcome.
/// </summary>
public sealed class CommandSender(DeviceBus bus, AuditLog audit, TimeProvider time, IOptions<DashboardOptions> options)
{
    public async Task<CommandResult> SendAsync(ClaimsPrincipal user, string deviceId, string command, JsonObject payload, string summary, CancellationToken ct)
    {
        var topics = new DeviceTopics(deviceId);
        var issuedAt = time.GetUtcNow();
        payload["issuedAt"] = issuedAt.ToString("O");
        payload["id"] = Guid.NewGuid().ToString("N");
        CommandResult result;
        try
        {
            var reply = await bus.RequestAsync(deviceId, topics.Command(command), Encoding.UTF8.GetBytes(payload.ToJsonString()), options.Value.CommandTimeout, ct);
            result = Interpret(reply);
        }
        catch (TimeoutException)
        {
            result = new CommandResult(false, null, $"no reply from {deviceId} within {options.Value.CommandTimeout.TotalSeconds:0} s; check that it is online");
        }
        catch (InvalidOperationException ex)
        {
            result = new CommandResult(false, null, ex.Message);
        }
        catch (MQTTnet.Exceptions.MqttCommunicationException ex)
        {
            result = new CommandResult(false, null, "the MQTT broker connection failed: " + ex.Message);
        }

        var replyText = result.Reply is { } r ? r.GetRawText() : result.Error ?? "";
        await audit.RecordAsync(issuedAt, user.Identity?.Name ?? "?", deviceId, command, summary, result.Ok, replyText, CancellationToken.None);
        return result;
    }

    /// <summary>The reply as the device sent it: <c>ok</c> and <c>error</c> read from it, the whole object passed on.</summary>
    public static CommandResult Interpret(byte[] reply)
    {
        try
        {
            using var document = JsonDocument.Parse(reply);
            var root = document.RootElement.Clone();
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new CommandResult(false, root, "the device's reply is not a JSON object");
            }

            var ok = root.TryGetProperty("ok", out var okValue) && okValue.ValueKind == JsonValueKind.True;
            var error = root.TryGetProperty("error", out var errorValue) && errorValue.ValueKind == JsonValueKind.String ? errorValue.GetString() : null;
            return new CommandResult(ok, root, ok ? null : error ?? "refused (the device gave no reason)");
        }
        catch (JsonException)
        {
            return new CommandResult(false, null, "the device's reply is not valid JSON");
        }
    }
}
