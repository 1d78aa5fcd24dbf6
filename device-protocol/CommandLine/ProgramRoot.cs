using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace AmpsDevice.Protocol.CommandLine;

/// <summary>
/// The root of one program's command line, and what its convention leaves to the program: the name it goes by in
/// usage lines and errors (not the process's, which is <c>dotnet</c> or a test host as often as the program), the
/// version <c>--version</c> prints, the words it passes on instead of refusing, and what a bug does. Every
/// <c>--help</c> under it has the layout of <see cref="CliHelp"/>.
/// </summary>
[SuppressMessage("Design", "CA1010", Justification = "A command, enumerable as System.CommandLine's RootCommand is (for collection initialisers), not a collection")]
public sealed class ProgramRoot : RootCommand
{
    private readonly IPassThroughWords? passThrough;

    /// <param name="programName">The program's name: <c>ampsdevice</c>, <c>ampsdashboard</c>.</param>
    /// <param name="description">What the program does, the first section of its help.</param>
    /// <param name="version">What <c>--version</c> prints (the version the program reports elsewhere, not the entry assembly's).</param>
    public ProgramRoot(string programName, string description, string? version)
        : base(description)
    {
        ArgumentException.ThrowIfNullOrEmpty(programName);
        ProgramName = programName;
        CliHelp.Apply(this);
        foreach (var option in Options.OfType<VersionOption>())
        {
            option.Action = new PrintVersion(version);
        }
    }

    /// <summary>The name usage lines and errors give the program.</summary>
    public string ProgramName { get; }

    /// <summary>
    /// Words the program takes without a verb besides its options (the dashboard's configuration keys for its host);
    /// none when null, so every word the verbs do not know is an error.
    /// </summary>
    public IPassThroughWords? PassThrough
    {
        get => passThrough;
        init
        {
            passThrough = value;
            TreatUnmatchedTokensAsErrors = value is null;
        }
    }

    /// <summary>
    /// The exit code of an exception out of a verb, a bug, written to stderr as <c>&lt;program&gt;: internal error:
    /// &lt;exception&gt;</c>; when null the exception leaves the process as any unhandled exception does.
    /// </summary>
    public int? InternalErrorExitCode { get; init; }

    private sealed class PrintVersion(string? version) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(version);
            return CliExitCodes.Done;
        }
    }
}
