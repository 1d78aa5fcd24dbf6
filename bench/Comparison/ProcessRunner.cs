using System.Diagnostics;

namespace AmpsDevice.Bench.Comparison;

/// <summary>Runs a command to its end and keeps what it printed.</summary>
public static class ProcessRunner
{
    public sealed record Outcome(int ExitCode, string Output, string Error);

    public static async Task<Outcome> RunAsync(string fileName, IEnumerable<string> arguments, string workingDirectory)
    {
        var psi = new ProcessStartInfo(fileName, arguments)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {fileName}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new Outcome(process.ExitCode, await output, await error);
    }

    /// <summary>Runs the command and throws, naming the command and its last output, unless it exits 0.</summary>
    public static async Task<string> RunCheckedAsync(string fileName, IEnumerable<string> arguments, string workingDirectory)
    {
        var args = arguments.ToList();
        var outcome = await RunAsync(fileName, args, workingDirectory);
        if (outcome.ExitCode != 0)
        {
            var tail = string.Join('\n', (outcome.Output + outcome.Error).Split('\n').TakeLast(15));
            throw new InvalidOperationException($"`{fileName} {string.Join(' ', args)}` exited {outcome.ExitCode}:\n{tail}");
        }

        return outcome.Output;
    }
}
