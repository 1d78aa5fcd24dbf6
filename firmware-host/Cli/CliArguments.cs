namespace AmpsDevice.FirmwareHost.Cli;

/// <summary>
/// Strict parsing of a verb's options: <c>--name value</c>, <c>--name=value</c> and flags. An unknown
/// option, a missing value or a stray argument is a <see cref="CliUsageException"/> (exit 2).
/// </summary>
public sealed class CliArguments
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);

    private CliArguments(List<string> positional) => Positional = positional;

    public IReadOnlyList<string> Positional { get; }

    /// <param name="args">The arguments after the verb.</param>
    /// <param name="valued">Options that take a value.</param>
    /// <param name="flags">Options that take none.</param>
    public static CliArguments Parse(IReadOnlyList<string> args, IReadOnlyCollection<string> valued, IReadOnlyCollection<string> flags)
    {
        var positional = new List<string>();
        var result = new CliArguments(positional);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg == "--")
            {
                positional.Add(arg);
                continue;
            }

            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            var name = eq > 0 ? arg[2..eq] : arg[2..];
            if (flags.Contains(name))
            {
                if (eq > 0)
                {
                    throw new CliUsageException($"--{name} takes no value");
                }

                result._values[name] = null;
            }
            else if (valued.Contains(name))
            {
                string value;
                if (eq > 0)
                {
                    value = arg[(eq + 1)..];
                }
                else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    value = args[++i];
                }
                else
                {
                    throw new CliUsageException($"--{name} needs a value");
                }

                if (result._values.ContainsKey(name))
                {
                    throw new CliUsageException($"--{name} is given twice");
                }

                result._values[name] = value;
            }
            else
            {
                throw new CliUsageException($"unknown option --{name}");
            }
        }

        return result;
    }

    public bool Has(string name) => _values.ContainsKey(name);

    public string? Value(string name) => _values.TryGetValue(name, out var v) ? v : null;
}

/// <summary>Bad command-line input: exit code 2 with this message.</summary>
public sealed class CliUsageException : Exception
{
    public CliUsageException(string message) : base(message) { }

    public CliUsageException() { }

    public CliUsageException(string message, Exception innerException) : base(message, innerException) { }
}
