using AmpsDevice.Protocol.Profiles;

namespace AmpsDevice.FirmwareHost.Cli;

/// <summary>
/// <c>ampsdevice validate &lt;profile.json&gt;</c> (CONTRACTS.md section 1): exit 0 and a one-paragraph
/// summary on stdout when the profile is valid; exit 2 with every error on its own line on stderr,
/// shaped <c>&lt;json-path&gt;: &lt;message&gt;</c>, when it is not or cannot be read; exit 2 with the
/// usage for wrong arguments; exit 1 only for a bug (never a stack trace).
/// </summary>
public static class ValidateVerb
{
    /// <summary>Exit code: the profile is valid.</summary>
    public const int Valid = 0;

    /// <summary>Exit code: internal error (a bug).</summary>
    public const int InternalError = 1;

    /// <summary>Exit code: bad input (invalid or unreadable profile, wrong arguments).</summary>
    public const int BadInput = 2;

    /// <summary>The usage text.</summary>
    public const string Usage = "usage: ampsdevice validate <profile.json>\n"
        + "  Checks a stimulus profile against the device's safety envelope.\n"
        + "  Exit 0 and a summary when valid; exit 2 and one line per error (<json-path>: <message>) when not.";

    /// <summary>Runs the verb against the compiled-in envelope of the reference device.</summary>
    /// <param name="args">The arguments after the verb: exactly one profile path.</param>
    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr) =>
        Run(args, stdout, stderr, ProfileEnvelope.Absolute());

    /// <summary>Runs the verb against <paramref name="envelope"/> (the configured, possibly tightened envelope).</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, ProfileEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        try
        {
            if (args.Count == 1 && args[0] is "-h" or "--help")
            {
                stdout.WriteLine(Usage);
                return Valid;
            }

            if (args.Count != 1)
            {
                stderr.WriteLine(args.Count == 0
                    ? "validate: a profile path is required"
                    : $"validate: expected exactly one profile path, got {args.Count} arguments");
                stderr.WriteLine(Usage);
                return BadInput;
            }

            var path = args[0];
            if (string.IsNullOrWhiteSpace(path))
            {
                stderr.WriteLine("validate: the profile path is empty");
                stderr.WriteLine(Usage);
                return BadInput;
            }

            if (path.Length > 1 && path.StartsWith('-'))
            {
                stderr.WriteLine($"validate: unknown option {path}");
                stderr.WriteLine(Usage);
                return BadInput;
            }

            var result = ProfileParser.ParseFile(path, envelope);
            if (result.Profile is { } profile)
            {
                stdout.WriteLine(ProfileSummary.Describe(profile));
                return Valid;
            }

            foreach (var error in result.Errors)
            {
                stderr.WriteLine(OneLine(error.ToString()));
            }

            return BadInput;
        }
        catch (Exception ex)
        {
            stderr.WriteLine($"validate: internal error ({ex.GetType().Name}): {OneLine(ex.Message)}");
            return InternalError;
        }
    }

    /// <summary>Keeps one error on one line whatever the file held.</summary>
    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
