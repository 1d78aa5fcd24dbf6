using System.Diagnostics;
using System.Globalization;
using AmpsDevice.Bench.Comparison;

namespace AmpsDevice.Bench.Support;

/// <summary>
/// One command run to its end as its own process, timed from outside: wall time around it, and its CPU time (user +
/// system, the kernel's accounting of the reaped child, read with the shell's <c>times</c>).
/// </summary>
public static class ChildTimes
{
    public sealed record Timed(int ExitCode, double WallS, double CpuS);

    public static async Task<Timed> RunAsync(string executable, IEnumerable<string> arguments, string workingDirectory)
    {
        // sh runs the command with its output discarded, then prints its children's user and system time.
        string[] shell = ["-c", "\"$@\" >/dev/null 2>&1; s=$?; times; exit $s", "sh", executable, .. arguments];
        var watch = Stopwatch.StartNew();
        var outcome = await ProcessRunner.RunAsync("sh", shell, workingDirectory);
        watch.Stop();
        // times prints two lines: the shell's own user and system time, then its children's ("0m1.234s 0m0.056s").
        var children = outcome.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1].Split(' ');
        return new Timed(outcome.ExitCode, watch.Elapsed.TotalSeconds, Seconds(children[0]) + Seconds(children[1]));
    }

    private static double Seconds(string minutesSeconds)
    {
        var m = minutesSeconds.IndexOf('m', StringComparison.Ordinal);
        return int.Parse(minutesSeconds[..m], CultureInfo.InvariantCulture) * 60
            + double.Parse(minutesSeconds[(m + 1)..].TrimEnd('s'), CultureInfo.InvariantCulture);
    }
}
