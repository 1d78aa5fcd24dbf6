using System.Text.Json;
using System.Text.Json.Serialization;
using AmpsDevice.Dashboard.Audit;
using AmpsDevice.Dashboard.Commands;
using AmpsDevice.Dashboard.Devices;
using AmpsDevice.Dashboard.History;
using AmpsDevice.Dashboard.Profiles;
using AmpsDevice.Dashboard.Users;
using AmpsDevice.Protocol.Messages;

namespace AmpsDevice.Dashboard.Hosting;

/// <summary>
/// Source-generated JSON for everything the browser sends and receives: camelCase, enums as the protocol's strings,
/// nulls left out. Generated, not reflected, so the dashboard runs as one natively compiled program; a type that
/// goes to the browser and is missing here fails its request (the tests run with reflection-based JSON switched off,
/// as the native program has it). The OpenAPI document describes every endpoint's types through it too.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(ClinicSnapshot))]
[JsonSerializable(typeof(ConsoleSnapshot))]
[JsonSerializable(typeof(BrokerUpdate))]
[JsonSerializable(typeof(TelemetryUpdate))]
[JsonSerializable(typeof(SessionUpdate))]
[JsonSerializable(typeof(DeviceSummary))]
[JsonSerializable(typeof(IReadOnlyList<DeviceSummary>))]
[JsonSerializable(typeof(DeviceDetail))]
[JsonSerializable(typeof(StatusMessage))]
[JsonSerializable(typeof(DeviceEvent))]
[JsonSerializable(typeof(AlarmsMessage))]
[JsonSerializable(typeof(StartRequest))]
[JsonSerializable(typeof(PainRequest))]
[JsonSerializable(typeof(RequestRefused))]
[JsonSerializable(typeof(CommandResult))]
[JsonSerializable(typeof(StoredProfile))]
[JsonSerializable(typeof(ProfileCheck))]
[JsonSerializable(typeof(Me))]
[JsonSerializable(typeof(IReadOnlyList<AuditEntry>))]
[JsonSerializable(typeof(IReadOnlyList<SessionSummary>))]
[JsonSerializable(typeof(PatientHistory))]
[JsonSerializable(typeof(SessionPage))]
[JsonSerializable(typeof(Problem))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(Microsoft.AspNetCore.Mvc.ProblemDetails))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(System.Net.ServerSentEvents.SseItem<string>))]
public sealed partial class DashboardJsonContext : JsonSerializerContext;
