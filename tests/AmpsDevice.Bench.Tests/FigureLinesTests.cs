using AmpsDevice.Bench.Comparison;

namespace AmpsDevice.Bench.Tests;

/// <summary>
/// <c>compare</c> reads the figures back from a <c>figures</c> run's output: each figure's median, and the speed per CPU
/// second where the figure's note gives one (the note of the next figure must not lend it its own).
/// </summary>
public sealed class FigureLinesTests
{
    private const string Output = """
        measuring sim-speed ...
          simulation speed in-process, one device: simulated s per wall s, ×: 1464 × (1305–1582) (goal ≥ 10000 × (floor: 1000 ×): MISS; load 12.5–12.8)
            SimulationRun.Run (what `ampsdevice simulate` runs) on a 30.9 min session, 3 runs after one warm-up run; wall per run 1.170, 1.419, 1.265 s; per CPU second of the running thread 3945 × (3578–4175) (what the wall figure would be on an idle machine).
          bytes allocated per tick, steady state: 0 B (0–0) (goal 0: pass; load 12.5–12.8)
            GC.GetAllocatedBytesForCurrentThread around every tick, 2 runs of 240 s.
          `ampsdevice simulate` as a process, process start included: simulated s per wall s, ×: 882.5 × (700–1053) (goal ≥ 4000 ×: MISS; load 54.7–77.2)
            the published executable, 7 runs; per CPU second 4208 × (4114–4516).
          (7 s)

        | figure | measured: median (min–max) | goal | | load average |
        | --- | --- | --- | --- | --- |
        | simulation speed in-process, one device: simulated s per wall s, × | 1464 × (1305–1582) | ≥ 10000 × (floor: 1000 ×) | **miss** | 12.5–12.8 |
        """;

    [Fact]
    public void Each_figure_gives_its_median_and_the_speed_per_cpu_second_its_own_note_gives()
    {
        var rows = FigureLines.Parse(Output.Replace("\r\n", "\n", StringComparison.Ordinal));

        Assert.Equal(3, rows.Count);
        Assert.Equal("simulation speed in-process, one device: simulated s per wall s, ×", rows[0].Figure);
        Assert.Equal(1464, rows[0].Value);
        Assert.Equal(3945, rows[0].PerCpuSecond);
        Assert.Equal("bytes allocated per tick, steady state", rows[1].Figure);
        Assert.Equal(0, rows[1].Value);
        Assert.Null(rows[1].PerCpuSecond);
        Assert.Equal(882.5, rows[2].Value);
        Assert.Equal(4208, rows[2].PerCpuSecond);
    }
}
