using System.CommandLine;
using System.CommandLine.Parsing;

namespace AmpsDevice.Protocol.CommandLine;

/// <summary>
/// What is wrong with a command line, in the words every program's page gives (docs/cli.md, docs/dashboard.md): an
/// unknown verb (with the verb it most likely meant), an unknown option, a stray argument, an option without its value
/// or given twice, a verb without its subcommand. Without a verb, a word the root lets through
/// (<see cref="ProgramRoot.PassThrough"/>) is not unknown.
/// </summary>
public static class ParseErrors
{
    public static IReadOnlyList<string> Describe(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var command = result.CommandResult.Command;
        var passThrough = (command as ProgramRoot)?.PassThrough;
        var unmatched = passThrough?.Rejected(result.UnmatchedTokens) ?? result.UnmatchedTokens;
        var problems = new List<string>();
        var verbs = command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name).ToList();
        var unknownVerb = unmatched.Count > 0 && verbs.Count > 0 && !unmatched[0].StartsWith('-');
        if (unknownVerb)
        {
            problems.Add(UnknownVerb(command, unmatched[0], verbs));
        }
        else
        {
            var options = unmatched.Where(t => t.Length > 1 && t.StartsWith('-')).ToList();
            problems.AddRange(options.Count > 0
                ? options.Select(o => passThrough?.NeedsValue(o) == true ? $"{o} needs a value" : $"unknown option {o}")
                : unmatched.Take(1).Select(t => $"unexpected argument '{t}'"));
        }

        foreach (var error in result.Errors)
        {
            // System.CommandLine's own "unrecognized" error for each token described above.
            if (error.SymbolResult is null or CommandResult && result.UnmatchedTokens.Any(t => error.Message.Contains($"'{t}'", StringComparison.Ordinal)))
            {
                continue;
            }

            // A missing argument: the verb's own validator names it (CliOptions.Required). A missing subcommand, when
            // the word in its place was named as an unknown one.
            if (error.SymbolResult is ArgumentResult { Tokens.Count: 0 } || (unknownVerb && error.SymbolResult is CommandResult { Command.Action: null }))
            {
                continue;
            }

            problems.Add(error.SymbolResult switch
            {
                OptionResult { Tokens.Count: 0 } o when o.Option.Arity.MinimumNumberOfValues > 0 => $"{o.Option.Name} needs a value",
                OptionResult o when o.Tokens.Count > o.Option.Arity.MaximumNumberOfValues => $"{o.Option.Name} is given twice",

                // A verb that does nothing by itself (no action: the dashboard's users and history; the device's plan
                // has one, which says so in its own words).
                CommandResult { Command: { Action: null } verb } when verbs.Count > 0 => $"{CliHelp.VerbPath(verb)} needs a subcommand: {OneOf(verbs)}",
                _ => error.Message,
            });
        }

        return problems.Distinct().ToList();
    }

    private static string UnknownVerb(Command command, string token, IReadOnlyList<string> verbs)
    {
        var what = command is RootCommand ? "verb" : $"{command.Name} subcommand";
        var closest = Closest(token, verbs);
        return closest is null
            ? $"unknown {what} '{token}'; expected {OneOf(verbs)}"
            : $"unknown {what} '{token}'; did you mean '{closest}'?";
    }

    /// <summary><c>a</c>, <c>a or b</c>, <c>a, b or c</c>.</summary>
    private static string OneOf(IReadOnlyList<string> names) =>
        names.Count == 1 ? names[0] : $"{string.Join(", ", names.SkipLast(1))} or {names[^1]}";

    /// <summary>The verb a mistyped word most likely meant: a prefix, or at most two letters off.</summary>
    public static string? Closest(string token, IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(token);
        return names
            .Select(n => (Name: n, Distance: n.StartsWith(token, StringComparison.Ordinal) && token.Length > 0 ? 0 : Distance(token, n)))
            .Where(c => c.Distance <= 2)
            .OrderBy(c => c.Distance)
            .Select(c => c.Name)
            .FirstOrDefault();
    }

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps.</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
