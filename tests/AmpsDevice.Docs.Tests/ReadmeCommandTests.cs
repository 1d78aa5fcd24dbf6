using System.Diagnostics;
using System.Text.RegularExpressions;
using AmpsDevice.TestSupport;

namespace AmpsDevice.Docs.Tests;

/// <summary>
/// The README's "Other things to try" work as a new user types them: from the repository's root, with the paths
/// they name relative to it, one after another (the later ones read what the earlier ones recorded). Only the
/// service (<c>run --simulate</c>, which runs until stopped) is left out; the README's set-up commands have their
/// own checks in CI.
/// </summary>
public sealed partial class ReadmeCommandTests
{
    private const string Prefix = "dotnet run --project firmware-host -- ";

    [Fact]
    public async Task Every_command_to_try_runs_from_the_repository_root_and_does_what_the_readme_says()
    {
        var temp = TempDirectory.Create("readme");
        var commands = CommandsToTry(File.ReadAllText(Path.Combine(Repository.Root, "README.md")))
            .Select(c => c.Replace("/tmp/", temp + "/", StringComparison.Ordinal))
            .ToList();
        Assert.Equal(["validate", "simulate", "simulate", "sessions", "export", "plan"], commands.Select(c => c[Prefix.Length..].Split(' ')[0]));

        foreach (var command in commands)
        {
            var (code, output) = await RunAsync(command);
            var verb = command[Prefix.Length..].Split(' ')[0];
            switch (verb)
            {
                case "validate":
                    Assert.True(code == 0, $"{command}: exit {code}\n{output}");
                    Assert.Contains("Warmth and vibration, level 1", output, StringComparison.Ordinal);
                    break;
                case "simulate":
                    // The heater-stuck scenario ends in a safety stop: exit 3 (docs/cli.md), by the runaway rule.
                    Assert.True(code == 3, $"{command}: exit {code}\n{output}");
                    Assert.Contains("safety-stop", output, StringComparison.Ordinal);
                    Assert.Contains("thermal-runaway", output, StringComparison.Ordinal);
                    break;
                case "sessions":
                    Assert.True(code == 0, $"{command}: exit {code}\n{output}");
                    Assert.Contains("sim-7", output, StringComparison.Ordinal);
                    break;
                case "export":
                    Assert.True(code == 0, $"{command}: exit {code}\n{output}");
                    foreach (var file in new[] { "s.csv", "s.json", "s.png" })
                    {
                        Assert.True(new FileInfo(Path.Combine(temp, file)).Length > 0, $"{command}: {file} missing or empty\n{output}");
                    }

                    break;
                default:
                    Assert.True(code == 0, $"{command}: exit {code}\n{output}");
                    Assert.Contains("eight weeks", output, StringComparison.Ordinal);
                    break;
            }
        }

        Assert.True(new FileInfo(Path.Combine(temp, "report.json")).Length > 0, "simulate --report wrote nothing");
        Assert.True(new FileInfo(Path.Combine(temp, "samples.csv")).Length > 0, "simulate --samples wrote nothing");
    }

    /// <summary>The section's indented command lines that end (every one but the service), continuations joined.</summary>
    private static IEnumerable<string> CommandsToTry(string readme)
    {
        var start = readme.IndexOf("## Other things to try", StringComparison.Ordinal);
        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var section = readme[start..end].Replace("\\\n", " ", StringComparison.Ordinal);
        return section.Split('\n')
            .Where(l => l.StartsWith("    " + Prefix, StringComparison.Ordinal))
            .Select(l => Spaces().Replace(l.Trim(), " "))
            .Where(c => !c.Contains(" run --simulate", StringComparison.Ordinal));
    }

    private static async Task<(int Code, string Output)> RunAsync(string command)
    {
        var psi = new ProcessStartInfo("bash", ["-c", command + " 2>&1"])
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
        };
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("bash did not start");
        var output = await process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, output);
    }

    [GeneratedRegex(" {2,}")]
    private static partial Regex Spaces();
}
