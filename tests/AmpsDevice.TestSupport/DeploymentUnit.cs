using System.Diagnostics;
using System.Runtime.Versioning;

namespace AmpsDevice.TestSupport;

/// <summary>
/// A systemd unit of docs/deployment (<c>ampsdevice.service</c>, <c>ampsdashboard.service</c>) as its tests read it:
/// its settings, and what <c>systemd-analyze verify</c> says of it.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class DeploymentUnit
{
    private readonly string _program;

    /// <param name="program">The program the unit runs, installed as <c>/opt/{program}/{program}</c>.</param>
    public DeploymentUnit(string program)
    {
        _program = program;
        Path = Repository.PathOf("docs", "deployment", program + ".service");
    }

    public string Path { get; }

    /// <summary>The unit's <c>Key=value</c> settings, comments left out.</summary>
    public Dictionary<string, string> Settings() =>
        File.ReadAllLines(Path)
            .Select(l => l.Trim())
            .Where(l => l.Contains('=', StringComparison.Ordinal) && !l.StartsWith('#'))
            .ToDictionary(l => l[..l.IndexOf('=', StringComparison.Ordinal)], l => l[(l.IndexOf('=', StringComparison.Ordinal) + 1)..]);

    /// <summary>
    /// Every <c>NAME=value</c> of the unit's <c>Environment=</c> line (space-separated, as systemd splits them; no
    /// quoting used), so that a program started by hand runs as the installed service does.
    /// </summary>
    public IReadOnlyDictionary<string, string> Environment()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var assignment in Settings().GetValueOrDefault("Environment", "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = assignment.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || assignment.Contains('"', StringComparison.Ordinal))
            {
                throw new FormatException($"{Path}: '{assignment}' is not a NAME=value assignment without quotes");
            }

            environment[assignment[..eq]] = assignment[(eq + 1)..];
        }

        return environment;
    }

    /// <summary>
    /// <c>systemd-analyze verify</c> on a copy of the unit installed in a temporary folder instead of
    /// <c>/opt/{program}</c> (verify insists that ExecStart and WorkingDirectory exist): its exit code and everything it
    /// wrote. The program is a stand-in script.
    /// </summary>
    public async Task<(int ExitCode, string Said)> VerifyAsync()
    {
        var dir = TempDirectory.Create(_program + "-unit");
        var exe = System.IO.Path.Combine(dir, _program);
        await File.WriteAllTextAsync(exe, "#!/bin/sh\n");
        File.SetUnixFileMode(exe, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        var unit = System.IO.Path.Combine(dir, _program + ".service");
        await File.WriteAllTextAsync(unit, (await File.ReadAllTextAsync(Path))
            .Replace($"/opt/{_program}/{_program}", exe, StringComparison.Ordinal)
            .Replace($"WorkingDirectory=/opt/{_program}", "WorkingDirectory=" + dir, StringComparison.Ordinal));

        using var verify = Process.Start(new ProcessStartInfo("systemd-analyze", ["verify", unit]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var stdout = verify.StandardOutput.ReadToEndAsync();
        var stderr = verify.StandardError.ReadToEndAsync();
        await verify.WaitForExitAsync();
        return (verify.ExitCode, (await stdout + await stderr).Trim());
    }
}
