using System.Buffers;
using System.Text;
using AmpsDevice.FirmwareHost.Telemetry;
using AmpsDevice.Protocol.Messages;
using AmpsDevice.Protocol.Plans;
using AmpsDevice.Protocol.Profiles;
using AmpsDevice.Simulator;
using AmpsDevice.Simulator.Faults;

namespace AmpsDevice.Fuzz;

/// <summary>
/// The fuzzing targets, one per untrusted input, and the oracle each applies: the reader returns a value or
/// refuses the input in its documented way (errors with a path and a message in words); anything else (an
/// exception of another kind, an error naming a .NET type, a result that is both or neither) is a finding.
/// The harness (<see cref="Program"/>) and the corpus replay test run the same code.
/// </summary>
public static class Targets
{
    /// <summary>The targets by name; the name is also the corpus folder under tests/fuzz/corpus.</summary>
    public static IReadOnlyDictionary<string, Action<byte[]>> All { get; } = new Dictionary<string, Action<byte[]>>(StringComparer.Ordinal)
    {
        ["profile"] = Profile,
        ["plan"] = Plan,
        ["scenario"] = Scenario,
        ["command"] = Command,
    };

    /// <summary>Command names the decoder is tried with; the input's first byte picks one (the MQTT topic's last level).</summary>
    public static IReadOnlyList<string> CommandNameChoices { get; } =
    [
        CommandNames.SessionStart, CommandNames.PainRate, CommandNames.ProfilesGet, CommandNames.SessionPause,
        CommandNames.SessionResume, CommandNames.SessionStop, CommandNames.FaultAck, CommandNames.ProfilesList,
    ];

    /// <summary>A profile file or an MQTT profile body (<see cref="ProfileParser"/>).</summary>
    public static void Profile(byte[] input)
    {
        var result = ProfileParser.Parse(input);
        CheckProfileResult(result, Text(input));
        if (result.Value is { } profile)
        {
            // What the CLI prints for a valid profile: it walks every step.
            _ = ProfileSummary.Describe(profile);
        }
    }

    /// <summary>A therapy plan file (<see cref="PlanParser"/>), with an inline profile or a <c>profileId</c>.</summary>
    public static void Plan(byte[] input)
    {
        var result = PlanParser.Parse(input, ProfileEnvelope.Absolute(), id => (null, $"no stored profile is called '{id}'"));
        Check(result.IsValid, result.Value is not null, result.Errors, Text(input));
        if (result.Value is { } plan)
        {
            // The device derives every level's profile when a session starts: each must be derivable.
            for (var level = plan.MinLevel; level <= plan.MaxLevel; level++)
            {
                _ = plan.ProfileAt(level);
            }
        }
    }

    /// <summary>A simulation scenario file (<see cref="Simulator.Faults.Scenario"/>), read from its bytes as <c>Scenario.Load</c> does.</summary>
    public static void Scenario(byte[] input)
    {
        try
        {
            _ = Simulator.Faults.Scenario.Parse(input, SimulatedDeviceLayout.Default);
        }
        catch (ScenarioException ex)
        {
            var colon = ex.Message.IndexOf(": ", StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new FuzzFindingException($"a scenario error that does not start with a JSON path: \"{ex.Message}\"", ex);
            }

            ErrorWording.Check(ex.Message[..colon], ex.Message[(colon + 2)..], Text(input));
        }
    }

    /// <summary>
    /// A remote command's body (<see cref="CommandDecoder"/>). The first byte picks the command name from
    /// <see cref="CommandNameChoices"/>; the rest is the body. A <c>session.start</c> profile is then read as
    /// the device reads it.
    /// </summary>
    public static void Command(byte[] input)
    {
        if (input.Length == 0)
        {
            return;
        }

        var name = CommandNameChoices[input[0] % CommandNameChoices.Count];
        var decoded = CommandDecoder.TryDecode(name, new ReadOnlySequence<byte>(input, 1, input.Length - 1), out var payload, out var error);
        if (decoded != (payload is not null) || decoded == (error is not null))
        {
            throw new FuzzFindingException($"{name}: decoded={decoded} with payload {(payload is null ? "absent" : "present")} and error \"{error}\"");
        }

        if (error is not null)
        {
            var colon = error.IndexOf(": ", StringComparison.Ordinal);
            ErrorWording.Check(colon > 0 ? error[..colon] : "$", error, Text(input));
        }

        if (payload is StartSessionCommand { Profile: { } profile })
        {
            CheckProfileResult(ProfileParser.Parse(profile), Text(input));
        }
    }

    private static string Text(byte[] input) => Encoding.UTF8.GetString(input);

    private static void CheckProfileResult(ValidationResult<StimulusProfile> result, string input) =>
        Check(result.IsValid, result.Value is not null, result.Errors, input);

    private static void Check(bool isValid, bool hasValue, IReadOnlyList<ProfileError> errors, string input)
    {
        if (isValid != hasValue || isValid == (errors.Count > 0))
        {
            throw new FuzzFindingException($"valid={isValid} with {(hasValue ? "a" : "no")} value and {errors.Count} error(s)");
        }

        foreach (var error in errors)
        {
            ErrorWording.Check(error.Path, error.Message, input);
        }
    }
}
