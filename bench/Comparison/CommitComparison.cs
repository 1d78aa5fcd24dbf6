using System.Globalization;
using AmpsDevice.Bench.Support;

namespace AmpsDevice.Bench.Comparison;

/// <summary>
/// <c>compare --against COMMIT --only NAME [--rounds N] [--quick]</c>: one figure group measured on this build and on
/// another commit, interleaved in one run, as a ratio. The other commit is checked out into a temporary git worktree
/// and its bench built there (Release); then each round runs <c>figures --only NAME</c> of both benches as separate
/// processes, one after the other, the order alternating from round to round, so a drift of the machine's load
/// falls on both. Prints each figure's value (the first number of its measured column) per side as median (min–max)
/// and the ratio this ÷ other taken round by round, as median (min–max), and the same for the speed per CPU second
/// where the figure's note gives one. The worktree is removed at the end.
/// </summary>
public static class CommitComparison
{
    private const string BenchDll = "ampsdevice-bench.dll";

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        string? against = null;
        string? only = null;
        var rounds = 3;
        var quick = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--against" when i + 1 < args.Length: against = args[++i]; break;
                case "--only" when i + 1 < args.Length: only = args[++i]; break;
                case "--rounds" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var n) && n >= 1: rounds = n; i++; break;
                case "--quick": quick = true; break;
                default:
                    await stderr.WriteLineAsync($"compare: unexpected argument '{args[i]}'; takes --against COMMIT --only NAME [--rounds N (default 3)] [--quick]");
                    return 2;
            }
        }

        if (against is null || only is null)
        {
            await stderr.WriteLineAsync("compare: needs --against COMMIT and --only NAME (one figure group, as for figures --only)");
            return 2;
        }

        var root = Repository.Root;
        var resolved = await ProcessRunner.RunAsync("git", ["rev-parse", "--verify", "--quiet", against + "^{commit}"], root);
        if (resolved.ExitCode != 0)
        {
            await stderr.WriteLineAsync($"compare: '{against}' is not a commit of this repository");
            return 2;
        }

        var commit = resolved.Output.Trim();
        var worktree = Path.Combine(Path.GetTempPath(), $"amps-bench-compare-{commit[..12]}-{Environment.ProcessId}");
        try
        {
            await stdout.WriteLineAsync($"checking out {commit[..12]} into {worktree} and building its bench ...");
            await ProcessRunner.RunCheckedAsync("git", ["worktree", "add", "--detach", worktree, commit], root);
            await ProcessRunner.RunCheckedAsync("dotnet", ["build", Path.Combine(worktree, "bench"), "-c", "Release", "-nologo", "-v", "q"], worktree);
            var other = Directory.GetFiles(Path.Combine(worktree, "bench", "bin", "Release"), BenchDll, SearchOption.AllDirectories).FirstOrDefault()
                ?? throw new InvalidOperationException($"no {BenchDll} in the other commit's bench output");
            var self = Path.Combine(AppContext.BaseDirectory, BenchDll);
            return await CompareAsync(self, other, commit, only, rounds, quick, stdout, stderr);
        }
        finally
        {
            await ProcessRunner.RunAsync("git", ["worktree", "remove", "--force", worktree], root);
        }
    }

    private static async Task<int> CompareAsync(string self, string other, string commit, string only, int rounds, bool quick, TextWriter stdout, TextWriter stderr)
    {
        string[] figureArgs = ["exec", "", "figures", "--only", only, .. quick ? new[] { "--quick" } : []];
        var values = new Dictionary<bool, List<IReadOnlyList<FigureLines.Row>>> { [true] = [], [false] = [] };
        var loads = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            foreach (var isSelf in round % 2 == 0 ? new[] { true, false } : [false, true])
            {
                var dll = isSelf ? self : other;
                figureArgs[1] = dll;
                await stdout.WriteLineAsync($"round {round + 1}/{rounds}: {(isSelf ? "this build" : commit[..12])} ...");
                if (LoadAverage.Current() is { } load)
                {
                    loads.Add(load);
                }

                var outcome = await ProcessRunner.RunAsync("dotnet", figureArgs, Path.GetDirectoryName(dll)!);
                var rows = FigureLines.Parse(outcome.Output);
                if (outcome.ExitCode > 1 || rows.Count == 0)
                {
                    await stderr.WriteLineAsync($"compare: `figures --only {only}` of {(isSelf ? "this build" : commit[..12])} exited {outcome.ExitCode} with no figure: {outcome.Error.Trim()}");
                    return 2;
                }

                values[isSelf].Add(rows);
            }
        }

        await stdout.WriteLineAsync();
        await stdout.WriteLineAsync($"{only}: this build against {commit[..12]}, {rounds} interleaved rounds, load average {loads.Min():0.0}–{loads.Max():0.0}");
        var figures = values[true][0].Count;
        for (var row = 0; row < figures; row++)
        {
            var mine = values[true].Select(r => r[row].Value).ToList();
            var theirs = values[false].Select(r => r.Count > row ? r[row].Value : double.NaN).ToList();
            var ratios = mine.Zip(theirs, (a, b) => a / b).ToList();
            await stdout.WriteLineAsync($"  {values[true][0][row].Figure}");
            await stdout.WriteLineAsync($"    this build: {Stats.MedianSpread(mine, "0.###", "")}; runs {Stats.Runs(mine, "0.###")}");
            await stdout.WriteLineAsync($"    {commit[..12]}: {Stats.MedianSpread(theirs, "0.###", "")}; runs {Stats.Runs(theirs, "0.###")}");
            await stdout.WriteLineAsync($"    this ÷ {commit[..12]}, round by round: {Stats.MedianSpread(ratios, "0.00", "")}");
            var mineCpu = values[true].Select(r => r[row].PerCpuSecond ?? double.NaN).ToList();
            var theirsCpu = values[false].Select(r => r.Count > row ? r[row].PerCpuSecond ?? double.NaN : double.NaN).ToList();
            if (mineCpu.Concat(theirsCpu).All(double.IsFinite))
            {
                var cpuRatios = mineCpu.Zip(theirsCpu, (a, b) => a / b).ToList();
                await stdout.WriteLineAsync($"    per CPU second: this build {Stats.MedianSpread(mineCpu, "0", "")}, {commit[..12]} {Stats.MedianSpread(theirsCpu, "0", "")}; " +
                    $"this ÷ {commit[..12]}, round by round: {Stats.MedianSpread(cpuRatios, "0.00", "")}");
            }
        }

        return 0;
    }
}
