using System.Text.Json;
using AmpsDevice.FirmwareHost.Sessions;
using AmpsDevice.Protocol.Messages;
using AmpsDevice.Protocol.Profiles;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;

namespace AmpsDevice.FirmwareHost.Telemetry;

/// <summary>A command's reply, ready to publish to the request's response topic.</summary>
public sealed record CommandOutcome(CommandReply Reply, byte[] Payload);

/// <summary>
/// Turns <c>amps/v1/{id}/cmd/{name}</c> messages into <see cref="IDeviceCommands"/> calls (origin
/// <see cref="CommandOrigin.Remote"/>) and replies. Each command runs at most once: a redelivery with the same
/// <c>id</c> field (or, without one, the same correlation data) gets the stored reply again. A command whose
/// <c>issuedAt</c> is older than <see cref="MqttOptions.CommandExpiry"/> is refused (required for
/// <c>session.start</c>); malformed, oversize and unknown commands are refused and change nothing.
/// <c>session.stop</c> and <c>session.pause</c> are never refused: stopping late, or with an unreadable body, is
/// still safe, so they go through (with a warning in the reply). <c>profiles.list</c> and <c>profiles.get</c> only read
/// the device's stored profiles (<see cref="IProfileCatalog"/>) under the same rules.
/// </summary>
public sealed partial class CommandHandler
{
    private readonly IDeviceCommands _commands;
    private readonly DeviceIdentity _identity;
    private readonly MqttOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<CommandHandler> _logger;
    private readonly RecentCommands _recent;
    private readonly IProfileCatalog? _profiles;

    public CommandHandler(IDeviceCommands commands, DeviceIdentity identity, IOptions<MqttOptions> options, TimeProvider time, ILogger<CommandHandler> logger,
        IProfileCatalog? profiles = null)
    {
        _commands = commands;
        _profiles = profiles;
        _identity = identity;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _recent = new RecentCommands(_options.RecentCommandCapacity);
    }

    /// <summary>Handles one message; null when the topic is not a command topic of this device.</summary>
    public async ValueTask<CommandOutcome?> HandleAsync(MqttApplicationMessage message, CancellationToken cancellationToken)
    {
        var name = _identity.Topics.TryGetCommandName(message.Topic);
        if (name is null)
        {
            return null;
        }

        var correlation = message.CorrelationData is { Length: > 0 } c ? Convert.ToHexString(c) : null;
        var alwaysAccepted = name is CommandNames.SessionStop or CommandNames.SessionPause;
        if (!CommandNames.All.Contains(name))
        {
            return Refuse(name, $"unknown command '{name}'; known: {string.Join(", ", CommandNames.All)}");
        }

        // Parse (or fail to) before the duplicate check so that an "id" inside the body is the key.
        string? parseError = null;
        ICommandPayload? payload = null;
        var length = message.Payload.Length;
        if (length > _options.MaxCommandBytes)
        {
            parseError = $"payload of {length} bytes is over the limit of {_options.MaxCommandBytes}";
        }
        else
        {
            CommandDecoder.TryDecode(name, message.Payload, out payload, out parseError);
        }

        var key = payload?.Id is { Length: > 0 } id ? $"{name}|id:{id}" : correlation is null ? null : $"{name}|cd:{correlation}";
        if (key is not null && _recent.TryGet(key, out var previous))
        {
            LogDuplicate(_logger, name, key);
            return Encode(previous with { Duplicate = true });
        }

        CommandReply reply;
        if (parseError is not null && !alwaysAccepted)
        {
            reply = new CommandReply(false, name, parseError);
        }
        else
        {
            var staleError = payload is null ? null : CheckAge(name, payload);
            if (staleError is not null && !alwaysAccepted)
            {
                reply = new CommandReply(false, name, staleError);
            }
            else
            {
                reply = await ExecuteAsync(name, payload, cancellationToken);
                var warning = parseError ?? staleError;
                if (warning is not null)
                {
                    reply = reply with { Warning = $"{warning}; {name} carried out anyway" };
                }
            }
        }

        if (key is not null)
        {
            _recent.Add(key, reply);
        }

        LogHandled(_logger, name, reply.Ok, reply.Error);
        return Encode(reply);
    }

    private string? CheckAge(string name, ICommandPayload payload)
    {
        if (payload.IssuedAt is not { } issuedAt)
        {
            return name == CommandNames.SessionStart
                ? "issuedAt is required for session.start (ISO 8601 time the command was issued) so that a start delayed by an outage is never carried out"
                : null;
        }

        var age = _time.GetUtcNow() - issuedAt;
        if (age > _options.CommandExpiry)
        {
            return $"command expired: issued {age.TotalSeconds:0.0} s ago, commands older than {_options.CommandExpiry.TotalSeconds:0.#} s are refused";
        }

        if (age < -_options.CommandExpiry)
        {
            return $"issuedAt is {-age.TotalSeconds:0.0} s in the future; check the clocks of the dashboard and the device";
        }

        return null;
    }

    private async ValueTask<CommandReply> ExecuteAsync(string name, ICommandPayload? payload, CancellationToken ct)
    {
        const CommandOrigin Remote = CommandOrigin.Remote;
        try
        {
            CommandResult result;
            switch (name)
            {
                case CommandNames.SessionStart:
                    var start = (StartSessionCommand)payload!;
                    var invalid = ValidateStart(start);
                    if (invalid is not null)
                    {
                        return new CommandReply(false, name, invalid);
                    }

                    result = await _commands.StartSessionAsync(new StartSessionRequest(start.PatientId!, start.Profile, start.ProfileId), Remote, ct);
                    break;
                case CommandNames.SessionPause:
                    result = await _commands.PauseAsync(Remote, ct);
                    break;
                case CommandNames.SessionResume:
                    result = await _commands.ResumeAsync(Remote, ct);
                    break;
                case CommandNames.SessionStop:
                    result = await _commands.StopAsync(Remote, ct);
                    break;
                case CommandNames.FaultAck:
                    result = await _commands.AcknowledgeAlarmsAsync(Remote, ct);
                    break;
                case CommandNames.PainRate:
                    var rate = (PainRateCommand)payload!;
                    if (rate.Value is not { } value)
                    {
                        return new CommandReply(false, name, $"value is required (an integer 0..{Protocol.Envelope.AbsoluteLimits.PainScaleMax}, numeric rating scale)");
                    }

                    if (value < 0 || value > Protocol.Envelope.AbsoluteLimits.PainScaleMax)
                    {
                        return new CommandReply(false, name, $"value: {value} is outside 0..{Protocol.Envelope.AbsoluteLimits.PainScaleMax} (numeric rating scale)");
                    }

                    result = await _commands.RatePainAsync(value, Remote, ct);
                    break;
                case CommandNames.ProfilesList:
                    return ListProfiles();
                case CommandNames.ProfilesGet:
                    return GetProfile(((ProfileGetCommand)payload!).ProfileId);
                default:
                    return new CommandReply(false, name, $"unknown command '{name}'");
            }

            return new CommandReply(result.Ok, name, result.Ok ? null : result.Error ?? "refused", result.SessionId, result.State);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogCommandFailed(_logger, name, ex);
            return new CommandReply(false, name, $"internal error: {ex.Message}");
        }
    }

    private CommandReply ListProfiles()
    {
        if (_profiles is null)
        {
            return new CommandReply(false, CommandNames.ProfilesList, "this device keeps no stored profiles");
        }

        var entries = _profiles.List()
            .Select(p => new StoredProfileEntry(p.Id, p.Profile.Name, Math.Round(p.Profile.NominalDurationS(), 1)))
            .ToList();
        return new CommandReply(true, CommandNames.ProfilesList, Profiles: entries);
    }

    private CommandReply GetProfile(string? id)
    {
        const string Name = CommandNames.ProfilesGet;
        if (string.IsNullOrEmpty(id))
        {
            return new CommandReply(false, Name, "profileId is required (the id of a profile stored on this device; profiles.list lists them)");
        }

        if (_profiles is null)
        {
            return new CommandReply(false, Name, "this device keeps no stored profiles");
        }

        var (profile, error) = _profiles.Get(id);
        if (profile is null)
        {
            return new CommandReply(false, Name, error ?? $"profileId: no profile '{id}'", ProfileId: id);
        }

        using var json = JsonDocument.Parse(ProfileJson.SerializeToUtf8Bytes(profile));
        return new CommandReply(true, Name, ProfileId: id, Profile: json.RootElement.Clone());
    }

    private static string? ValidateStart(StartSessionCommand start)
    {
        if (string.IsNullOrEmpty(start.PatientId))
        {
            return "patientId is required (a pseudonymous id such as p-001)";
        }

        if (!PatientIds.IsPseudonymous(start.PatientId))
        {
            return "patientId must be " + PatientIds.Rule;
        }

        var hasProfile = start.Profile is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined };
        if (hasProfile && !string.IsNullOrEmpty(start.ProfileId))
        {
            return "give at most one of profile (an amps.profile/1 object) and profileId; neither runs the patient's plan";
        }

        if (hasProfile && start.Profile!.Value.ValueKind != JsonValueKind.Object)
        {
            return "profile must be a JSON object (an amps.profile/1 profile)";
        }

        return null;
    }

    private CommandOutcome Refuse(string name, string error)
    {
        LogHandled(_logger, name, false, error);
        return Encode(new CommandReply(false, name, error));
    }

    private static CommandOutcome Encode(CommandReply reply) =>
        new(reply, JsonSerializer.SerializeToUtf8Bytes(reply, ProtocolJsonContext.Default.CommandReply));

    [LoggerMessage(EventId = 3301, Level = LogLevel.Information, Message = "Remote command {Command}: ok={Ok} {Error}")]
    private static partial void LogHandled(ILogger logger, string command, bool ok, string? error);

    [LoggerMessage(EventId = 3302, Level = LogLevel.Information, Message = "Remote command {Command} is a duplicate ({Key}); answered again, not executed")]
    private static partial void LogDuplicate(ILogger logger, string command, string key);

    [LoggerMessage(EventId = 3303, Level = LogLevel.Error, Message = "Remote command {Command} failed")]
    private static partial void LogCommandFailed(ILogger logger, string command, Exception ex);

    /// <summary>A bounded first-in-first-out memory of recent command keys and their replies.</summary>
    private sealed class RecentCommands(int capacity)
    {
        private readonly Dictionary<string, CommandReply> _replies = new(StringComparer.Ordinal);
        private readonly Queue<string> _order = new();
        private readonly Lock _gate = new();

        public bool TryGet(string key, out CommandReply reply)
        {
            lock (_gate)
            {
                return _replies.TryGetValue(key, out reply!);
            }
        }

        public void Add(string key, CommandReply reply)
        {
            lock (_gate)
            {
                if (_replies.TryAdd(key, reply))
                {
                    _order.Enqueue(key);
                    while (_order.Count > capacity)
                    {
                        _replies.Remove(_order.Dequeue());
                    }
                }
            }
        }
    }
}
