using System.Collections.Concurrent;
using System.Diagnostics;
using AmpsDevice.Bench.Support;
using AmpsDevice.Simulator.Faults;

namespace AmpsDevice.Bench.Figures;

/// <summary>
/// Detection to safe: every fault kind (and the patient's stop and withdrawal) injected into the simulated
/// hardware many times, each trial a fresh every-channel session (its own seed) with the fault injected at a
/// different moment between 0.5 and 1.0 s. Measured in ticks: the tick that holds the evidence (the first with a
/// trip) against the first tick whose written outputs are safe; and the wall time of that tick, from the sensor
/// read to the last actuator write. Also how long after the injection the evidence came (that is the rule's
/// persistence, by design, not latency).
/// </summary>
public sealed class DetectionFigure : IFigure
{
    private const double MaxDetectS = 30;

    private static readonly (string Category, string Kind, string? Target, double? Value)[] Kinds =
    [
        ("fault", "estop", null, null),
        ("patient", "press-stop", null, null),
        ("patient", "withdraw", "pressure1", null),
        ("fault", "sensor-disconnected", "pad1", null),
        ("fault", "sensor-disconnected", "pad1.safety", null),
        ("fault", "sensor-disconnected", "pressure1", null),
        ("fault", "sensor-offset", "pad1", 5),
        ("fault", "sensor-stuck", "pad1", null),
        ("fault", "sensor-noise", "pad1", 5),
        ("fault", "heater-stuck-on", "pad2", null),
        ("fault", "cooler-stuck-on", "pad1", null),
        ("fault", "motor-stuck-on", "vib1", null),
        ("fault", "i2c-bus-error", null, null),
        ("fault", "pressure-overload", "pressure1", 70),
        ("fault", "loop-stall", null, 50),
    ];

    public string Name => "detection";

    public Task<IReadOnlyList<FigureResult>> MeasureAsync(FigureRunOptions options, CancellationToken cancellationToken)
    {
        const int Runs = 3;
        var trials = options.Quick ? 34 : 3334;
        var runTicks = new List<double>();
        var runWallMs = new List<double>();
        var undetected = 0;
        long total = 0;
        var rows = new List<string>();
        for (var run = 0; run < Runs; run++)
        {
            var worstTicks = 0L;
            var worstWallMs = 0.0;
            foreach (var kind in Kinds)
            {
                var outcomes = new ConcurrentBag<Outcome>();
                var firstTrial = run * trials;
                Parallel.For(firstTrial, firstTrial + trials, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
                    trial => outcomes.Add(RunTrial(kind, trial)));
                var detected = outcomes.Where(o => o.Detected).ToList();
                undetected += outcomes.Count - detected.Count;
                total += outcomes.Count;
                var ticks = detected.Count == 0 ? 0 : detected.Max(o => o.SafeTick - o.EvidenceTick);
                var wall = detected.Count == 0 ? 0 : detected.Max(o => o.TickWallMs);
                worstTicks = Math.Max(worstTicks, ticks);
                worstWallMs = Math.Max(worstWallMs, wall);
                if (run == Runs - 1)
                {
                    var rules = string.Join("/", detected.Select(o => o.Rule).Distinct().Order());
                    var label = kind.Target is null ? kind.Kind : $"{kind.Kind} {kind.Target}";
                    rows.Add($"{label}: {detected.Count}/{outcomes.Count} tripped ({rules}), worst {ticks} ticks / {wall:0.00} ms, " +
                        $"evidence {Stats.Median(detected.Select(o => o.DetectS).ToArray()):0.00} s (worst {(detected.Count == 0 ? 0 : detected.Max(o => o.DetectS)):0.00} s) after injection");
                }
            }

            runTicks.Add(worstTicks);
            runWallMs.Add(worstWallMs);
        }

        return Task.FromResult<IReadOnlyList<FigureResult>>(
        [
            new("detection to safe, worst over every injected trip: ticks from evidence to safe / ms read-to-write",
                $"{Stats.MedianSpread(runTicks, "0", "ticks")} / {Stats.MedianSpread(runWallMs, "0.00", "ms")}; {total - undetected}/{total} trips",
                "0 ticks (within the tick that holds the evidence)", runTicks.Max() == 0 && undetected == 0,
                $"{Runs} runs of {trials} trials of each of {Kinds.Length} kinds on fresh every-channel sessions (SimulationRun, virtual time, a seed per trial), injection at 0.5-1.0 s; " +
                $"each run's worst; the wall time is that of the whole tripping tick (read, rules, gate, write). Per kind, the last run: {string.Join("; ", rows)}."),
        ]);
    }

    private static Outcome RunTrial((string Category, string Kind, string? Target, double? Value) kind, int trial)
    {
        using var session = new BenchSession(seed: trial + 1);
        var loop = session.Loop;
        session.Start();
        var injectAtS = 0.5 + (trial % 50 / 100.0);
        while (loop.TimeS < injectAtS)
        {
            session.Step();
        }

        if (!ChannelActivity.EveryChannelActive(loop))
        {
            return new Outcome(false, 0, 0, 0, 0, "not-all-active");
        }

        var category = kind.Category == "patient" ? ScenarioCategory.Patient : ScenarioCategory.Fault;
        new FaultInjector(session.Run.Device).Apply(new ScenarioEvent(loop.TimeS, category, kind.Kind, kind.Target, kind.Value, null, "bench"));
        var injectedAtS = loop.TimeS;
        long evidence = -1;
        double wallMs = 0;
        string rule = "";
        while (loop.TimeS - injectedAtS < MaxDetectS)
        {
            var start = Stopwatch.GetTimestamp();
            session.Step();
            var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (evidence < 0 && loop.Safety.Trips.Count > 0)
            {
                evidence = loop.TickCount - 1;
                wallMs = elapsed;
                rule = loop.Safety.Trips[0].Rule;
            }

            if (evidence >= 0 && loop.Outputs.IsSafe && !session.Run.Device.MasterEnable)
            {
                return new Outcome(true, evidence, loop.TickCount - 1, wallMs, loop.TimeS - injectedAtS, rule);
            }
        }

        return new Outcome(false, evidence, 0, wallMs, MaxDetectS, rule);
    }

    private sealed record Outcome(bool Detected, long EvidenceTick, long SafeTick, double TickWallMs, double DetectS, string Rule);
}
