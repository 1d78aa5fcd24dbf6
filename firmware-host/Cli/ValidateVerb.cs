using System.CommandLine;
using AmpsDevice.Protocol.CommandLine;
using AmpsDevice.Protocol.Profiles;

namespace AmpsDevice.FirmwareHost.Cli;

/// <summary>
/// <c>ampsdevice validate &lt;profile.json&gt;</c> (docs/cli.md): exit 0 and a one-paragraph summary on stdout when
/// the profile is valid; exit 2 with every error on its own line on stderr, shaped <c>&lt;json-path&gt;: &lt;message&gt;</c>,
/// when it is not or cannot be read; exit 2 with the usage for wrong arguments; exit 1 only for a bug (never a
/// stack trace).
/// </summary>
public static class ValidateVerb
{
    public const string Description =
        "Checks a stimulus profile against the device's safety envelope. " +
        "Exit 0 and a summary when valid; exit 2 and one line per error (<json-path>: <message>) when not.";

    /// <param name="envelope">The envelope to check against; the compiled-in envelope of the reference device when null.</param>
    public static Command Command(ProfileEnvelope? envelope = null)
    {
        var command = new Command("validate", Description);
        var profile = CliOptions.Required(command, "profile.json", "The profile to check", "a profile path is required");
        profile.Validators.Add(result =>
        {
            if (result.Tokens is [{ Value: var path }] && string.IsNullOrWhiteSpace(path))
            {
                result.AddError("the profile path is empty");
            }
        });
        command.SetAction(result => Validate(
            result.GetRequiredValue(profile),
            result.InvocationConfiguration.Output,
            result.InvocationConfiguration.Error,
            envelope ?? ProfileEnvelope.Absolute()));
        return command;
    }

    /// <summary>Runs the verb against the compiled-in envelope of the reference device.</summary>
    /// <param name="args">The arguments after the verb: exactly one profile path.</param>
    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr) =>
        AmpsDeviceCli.InvokeVerb(Command(), args, stdout, stderr);

    /// <summary>Runs the verb against <paramref name="envelope"/> (the configured, possibly tightened envelope).</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, ProfileEnvelope envelope) =>
        AmpsDeviceCli.InvokeVerb(Command(envelope), args, stdout, stderr);

    private static int Validate(string path, TextWriter stdout, TextWriter stderr, ProfileEnvelope envelope)
    {
        try
        {
            var result = ProfileParser.ParseFile(path, envelope);
            if (result.Value is { } profile)
            {
                stdout.WriteLine(ProfileSummary.Describe(profile));
                return ExitCodes.Done;
            }

            foreach (var error in result.Errors)
            {
                stderr.WriteLine(OneLine(error.ToString()));
            }

            return ExitCodes.BadInput;
        }
        catch (Exception ex)
        {
            stderr.WriteLine($"validate: internal error ({ex.GetType().Name}): {OneLine(ex.Message)}");
            return ExitCodes.InternalError;
        }
    }

    /// <summary>Keeps one error on one line whatever the file held.</summary>
    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
