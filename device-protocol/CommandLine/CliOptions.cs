using System.CommandLine;
using System.Globalization;

namespace AmpsDevice.Protocol.CommandLine;

/// <summary>The kinds of argument and option the verbs share, each with the error it gives for bad input.</summary>
public static class CliOptions
{
    /// <summary>An option that takes one value, shown in help as <paramref name="valueName"/>.</summary>
    public static Option<string> Value(string name, string valueName, string description) =>
        new(name) { Description = description, HelpName = valueName };

    /// <summary>An option that takes no value.</summary>
    public static Option<bool> Flag(string name, string description) =>
        new(name) { Description = description, Arity = ArgumentArity.Zero };

    /// <summary>A whole number in <paramref name="min"/>..<paramref name="max"/>; anything else is the error <paramref name="problem"/> names.</summary>
    public static Option<int?> WholeNumber(string name, string description, int min = int.MinValue, int max = int.MaxValue, string? problem = null) =>
        new(name)
        {
            Description = description,
            HelpName = "N",
            CustomParser = result =>
            {
                var text = result.Tokens[0].Value;
                if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
                {
                    return value;
                }

                result.AddError(string.Create(CultureInfo.InvariantCulture, $"{name}: '{text}' is {problem ?? $"not a whole number in {min}..{max}"}"));
                return null;
            },
        };

    /// <summary>
    /// The one argument a verb needs, e.g. <c>&lt;profile.json&gt;</c> or <c>NAME</c>: <paramref name="missing"/> names
    /// what is wrong when it is not given (in place of System.CommandLine's own words, which <see cref="ParseErrors"/>
    /// leaves out), and a word starting with '-' is an unknown option, not a file name or a name.
    /// </summary>
    public static Argument<string> Required(Command command, string name, string description, string missing)
    {
        ArgumentNullException.ThrowIfNull(command);
        var argument = new Argument<string>(name) { Description = description };
        argument.Validators.Add(result =>
        {
            var value = result.Tokens.Count == 0 ? null : result.Tokens[0].Value;
            if (value is { Length: > 1 } && value.StartsWith('-'))
            {
                result.AddError($"unknown option {value}");
            }
        });
        command.Add(argument);
        command.Validators.Add(result =>
        {
            if (result.GetResult(argument) is not { Tokens.Count: > 0 })
            {
                result.AddError(missing);
            }
        });
        return argument;
    }

    /// <summary>A required option, added to <paramref name="command"/>: <paramref name="missing"/> names what is wrong when it is not given.</summary>
    public static T Require<T>(Command command, T option, string missing) where T : Option
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Add(option);
        Require(command, missing, option);
        return option;
    }

    /// <summary>Options a verb cannot do without (added by the caller): <paramref name="missing"/> names what is wrong when any is not given.</summary>
    public static void Require(Command command, string missing, params Option[] options)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Validators.Add(result =>
        {
            if (options.Any(o => result.GetResult(o) is null))
            {
                result.AddError(missing);
            }
        });
    }
}
