using System.Text.Json;
using System.Text.Json.Serialization;

namespace AmpsDevice.Protocol.Messages;

/// <summary>
/// Source-generated JSON for every payload of the topic tree: camelCase names, enums as their
/// kebab-case strings, nulls left out. Use <c>ProtocolJsonContext.Default.StatusMessage</c> and friends.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    NumberHandling = JsonNumberHandling.Strict,
    ReadCommentHandling = JsonCommentHandling.Disallow,
    AllowTrailingCommas = false)]
[JsonSerializable(typeof(StatusMessage))]
[JsonSerializable(typeof(TelemetryBatch))]
[JsonSerializable(typeof(SessionStateMessage))]
[JsonSerializable(typeof(DeviceEvent))]
[JsonSerializable(typeof(AlarmsMessage))]
[JsonSerializable(typeof(CommandReply))]
[JsonSerializable(typeof(StartSessionCommand))]
[JsonSerializable(typeof(PainRateCommand))]
[JsonSerializable(typeof(EmptyCommand))]
[JsonSerializable(typeof(ProfileGetCommand))]
[JsonSerializable(typeof(JsonElement))]
public sealed partial class ProtocolJsonContext : JsonSerializerContext;
