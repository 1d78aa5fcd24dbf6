using System.Diagnostics;
using AmpsDevice.TestSupport;

namespace AmpsDevice.Packaging.Tests;

/// <summary>Runs the packaging scripts and the Debian tools the way an administrator would.</summary>
internal static class Shell
{
    public static string RepoRoot => Repository.Root;

    public static string NewTempDirectory(string prefix) => TempDirectory.Create(prefix);

    /// <summary>Runs <paramref name="file"/> and returns its exit code and output; never throws for a non-zero exit.</summary>
    public static (int Exit, string Stdout, string Stderr) Run(string file, IEnumerable<string> args, IDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var psi = new ProcessStartInfo(file, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? RepoRoot,
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[key] = value;
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary><see cref="Run"/>, failing the test with the command's output when it exits non-zero.</summary>
    public static string Succeed(string file, IEnumerable<string> args, IDictionary<string, string>? environment = null)
    {
        var list = args.ToList();
        var (exit, stdout, stderr) = Run(file, list, environment);
        Assert.True(exit == 0, $"{file} {string.Join(' ', list)} exited {exit}:\n{stdout}\n{stderr}");
        return stdout;
    }
}
