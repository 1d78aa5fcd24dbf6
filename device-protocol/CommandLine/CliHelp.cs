using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace AmpsDevice.Protocol.CommandLine;

/// <summary>
/// The help of a verb: the one-line <c>usage:</c> (the line a usage error shows too), then System.CommandLine's own
/// help without its usage section (description, arguments, options, subcommands), so the usage is said once.
/// <c>--help</c> writes it to stdout, a usage error to stderr.
/// </summary>
public static class CliHelp
{
    /// <summary>Gives every <c>--help</c> under <paramref name="root"/> this layout.</summary>
    internal static void Apply(RootCommand root)
    {
        foreach (var help in root.Options.OfType<HelpOption>())
        {
            help.Action = new UsageFirst(help.Action!);
        }
    }

    /// <summary>Writes the help of <paramref name="command"/> (found in its root) to <paramref name="writer"/>.</summary>
    public static void Write(Command command, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(command);
        var path = Path(command).Skip(1).Append("--help").ToArray();
        Root(command).Parse(path).Invoke(new InvocationConfiguration { Output = writer, Error = writer });
    }

    private static Command Root(Command command)
    {
        var c = command;
        while (c.Parents.OfType<Command>().FirstOrDefault() is { } parent)
        {
            c = parent;
        }

        return c;
    }

    /// <summary><c>usage: ampsdevice plan show &lt;patientId&gt; [options]</c>.</summary>
    public static string Usage(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var parts = new List<string>(Path(command));
        parts.AddRange(command.Arguments.Where(a => !a.Hidden).Select(a => $"<{a.HelpName ?? a.Name}>"));
        var verbs = command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name).ToList();
        if (verbs.Count > 0)
        {
            var choice = string.Join('|', verbs);
            parts.Add(command.Action is null ? $"<{choice}>" : $"[{choice}]");
        }

        parts.Add("[options]");
        return "usage: " + string.Join(' ', parts);
    }

    /// <summary>
    /// The words that name <paramref name="command"/>: the program's name (<see cref="ProgramRoot.ProgramName"/>), then
    /// each verb down to it.
    /// </summary>
    public static IReadOnlyList<string> Path(Command command)
    {
        var names = new List<string>();
        for (Command? c = command; c is not null; c = c.Parents.OfType<Command>().FirstOrDefault())
        {
            names.Insert(0, c is ProgramRoot root ? root.ProgramName : c.Name);
        }

        return names;
    }

    /// <summary>The words that name a verb without the program's name (<c>plan show</c>), as problems are prefixed.</summary>
    public static string VerbPath(Command command) => string.Join(' ', Path(command).Skip(1));

    /// <summary>
    /// The one-line usage, then System.CommandLine's help without its "Usage:" section. The library's layout hooks are
    /// not public, so its help is written aside (into a <see cref="StandardHelp"/>, which this action passes through)
    /// and the section left out.
    /// </summary>
    private sealed class UsageFirst(CommandLineAction standard) : SynchronousCommandLineAction
    {
        // The usage is said once, on the first line. "Additional Arguments" is what System.CommandLine says of the words
        // a root lets through (ProgramRoot.PassThrough), in words that fit no program here; the root's description says
        // which pass. A root that lets none through has no such section.
        private static readonly string[] LeftOut = ["Usage:", "Additional Arguments:"];

        public override int Invoke(ParseResult parseResult)
        {
            if (standard is not SynchronousCommandLineAction help)
            {
                return CliExitCodes.Done;
            }

            if (parseResult.InvocationConfiguration.Output is StandardHelp)
            {
                return help.Invoke(parseResult);
            }

            var command = parseResult.CommandResult.Command;
            var text = new StandardHelp();
            Write(command, text);
            var output = parseResult.InvocationConfiguration.Output;
            output.WriteLine(Usage(command));
            output.WriteLine();
            output.Write(WithoutSections(text.ToString()));
            return CliExitCodes.Done;
        }

        private static string WithoutSections(string help)
        {
            foreach (var title in LeftOut)
            {
                var start = help.IndexOf(title, StringComparison.Ordinal);
                var end = start < 0 ? -1 : help.IndexOf(Environment.NewLine + Environment.NewLine, start, StringComparison.Ordinal);
                help = end < 0 ? help : help.Remove(start, end + (2 * Environment.NewLine.Length) - start);
            }

            return help;
        }
    }

    private sealed class StandardHelp : StringWriter;
}
