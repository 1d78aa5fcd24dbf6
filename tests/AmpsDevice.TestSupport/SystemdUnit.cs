namespace AmpsDevice.TestSupport;

/// <summary>
/// One of the systemd units in docs/deployment, read as systemd reads the parts a test or the bench needs: its
/// <c>Environment=</c> assignments, so that a program started by hand runs as the installed service does.
/// </summary>
public sealed class SystemdUnit
{
    private SystemdUnit(IReadOnlyDictionary<string, string> environment) => Environment = environment;

    /// <summary>Every <c>NAME=value</c> of the unit's <c>Environment=</c> lines (space-separated, as systemd splits them; no quoting used).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>docs/deployment/<paramref name="fileName"/>.</summary>
    public static SystemdUnit Read(string fileName)
    {
        var path = Repository.PathOf("docs", "deployment", fileName);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(path).Select(l => l.Trim()))
        {
            if (!line.StartsWith("Environment=", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var assignment in line["Environment=".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = assignment.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0 || assignment.Contains('"', StringComparison.Ordinal))
                {
                    throw new FormatException($"{path}: '{assignment}' is not a NAME=value assignment without quotes");
                }

                environment[assignment[..eq]] = assignment[(eq + 1)..];
            }
        }

        return new SystemdUnit(environment);
    }
}
