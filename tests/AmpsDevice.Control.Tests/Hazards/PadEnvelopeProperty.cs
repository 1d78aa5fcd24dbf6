using System.Globalization;
using AmpsDevice.FirmwareHost.Cli;
using AmpsDevice.FirmwareHost.Simulation;
using AmpsDevice.Protocol.Envelope;
using AmpsDevice.Protocol.Profiles;
using AmpsDevice.Simulator.Faults;
using CsCheck;
using Xunit.Abstractions;

namespace AmpsDevice.Control.Tests.Hazards;

/// <summary>
/// The property the whole safety design exists for: whatever valid profile runs (generated inside the
/// envelope), whatever the sensor noise, and whatever single fault strikes whenever, the pad's physical
/// surface stays within 10..43 °C (IEC 60601-1 Table 24 for skin contact of 10 min or more). CsCheck from a fixed seed on one thread, so CI runs the same cases every
/// time; a failure shrinks and prints the seed and the case to replay it (<c>seed:</c> or CsCheck_Seed).
/// </summary>
public class PadEnvelopeProperty(ITestOutputHelper output)
{
    /// <summary>Cases per run: about 0.2 s each on the shared 2-core machine.</summary>
    private const int Iterations = 120;

    private const string Seed = "0N0XIzNsQ0O2";

    private static readonly string[] FaultKinds =
    [
        "none", "heater-stuck-on", "cooler-stuck-on", "sensor-stuck", "sensor-offset", "sensor-disconnected",
        "safety-disconnected", "i2c-bus-error", "safety-bus-error", "estop", "loop-stall", "press-stop",
    ];

    internal sealed record Case(int SimSeed, int Pad, double FirstC, double FirstRamp, double FirstHoldS, double SecondC, double SecondRamp,
        double SecondHoldS, double NoiseC, string Fault, double FaultAtFraction, double FaultValue)
    {
        public string ProfileJson() => string.Create(CultureInfo.InvariantCulture, $$"""
            { "schema": "amps.profile/1", "name": "property", "painStopAt": 8, "steps": [
              { "kind": "thermal", "pad": "pad{{Pad}}", "targetC": {{FirstC:0.00}}, "rampCPerS": {{FirstRamp:0.000}}, "holdS": {{FirstHoldS:0.0}} },
              { "kind": "thermal", "pad": "pad{{Pad}}", "targetC": {{SecondC:0.00}}, "rampCPerS": {{SecondRamp:0.000}}, "holdS": {{SecondHoldS:0.0}} } ] }
            """);

        /// <summary>The session's nominal length, s (ramps and holds).</summary>
        public double NominalS =>
            Math.Abs(FirstC - AbsoluteLimits.NeutralC) / FirstRamp + FirstHoldS + Math.Abs(SecondC - FirstC) / SecondRamp + SecondHoldS;

        public string ScenarioJson()
        {
            var at = Math.Round(FaultAtFraction * NominalS, 2);
            string Event(string body) => string.Create(CultureInfo.InvariantCulture, $$"""{ "events": [ { "at": {{at}}, {{body}} } ] }""");
            var value = FaultValue.ToString("0.00", CultureInfo.InvariantCulture);
            return Fault switch
            {
                "none" => """{ "events": [] }""",
                "heater-stuck-on" or "cooler-stuck-on" => Event($"\"fault\": \"{Fault}\", \"target\": \"pad{Pad}\""),
                "sensor-stuck" or "sensor-disconnected" => Event($"\"fault\": \"{Fault}\", \"target\": \"pad{Pad}.control\""),
                "sensor-offset" => Event($"\"fault\": \"sensor-offset\", \"target\": \"pad{Pad}.control\", \"value\": {value}"),
                "safety-disconnected" => Event($"\"fault\": \"sensor-disconnected\", \"target\": \"pad{Pad}.safety\""),
                "i2c-bus-error" => Event("\"fault\": \"i2c-bus-error\", \"target\": \"i2c-1\""),
                "safety-bus-error" => Event("\"fault\": \"i2c-bus-error\", \"target\": \"i2c-3\""),
                "estop" => Event("\"fault\": \"estop\""),
                "loop-stall" => Event($"\"fault\": \"loop-stall\", \"value\": {Math.Round(20 + Math.Abs(FaultValue) * 20)}"),
                _ => Event("\"patient\": \"press-stop\""),
            };
        }
    }

    /// <summary>A pad target anywhere inside the envelope or, one case in three, the hottest a profile may ask: the
    /// corner nearest the skin limit, which uniform targets alone would rarely reach.</summary>
    private static readonly Gen<double> Target = Gen.Frequency<double>(
        (2, Gen.Double[AbsoluteLimits.PadMinTargetC.Value, AbsoluteLimits.PadMaxTargetC.Value]), (1, Gen.Const(AbsoluteLimits.PadMaxTargetC.Value)));

    /// <summary>A fault's value (a sensor's offset, °C): anywhere in ±10 °C or, one case in three, a control sensor
    /// reading 0.5-2.5 °C low, around the disagreement rule's 2 °C tolerance, where it drives the pad hottest.</summary>
    private static readonly Gen<double> FaultValue = Gen.Frequency<double>((2, Gen.Double[-10, 10]), (1, Gen.Double[-2.5, -0.5]));

    private static readonly Gen<Case> Cases =
        from simSeed in Gen.Int[1, 10_000]
        from pad in Gen.Int[1, 2]
        from firstC in Target
        from firstRamp in Gen.Double[0.2, AbsoluteLimits.MaxRampCPerS.Value]
        from firstHold in Gen.Double[2, 30]
        from secondC in Target
        from secondRamp in Gen.Double[0.2, AbsoluteLimits.MaxRampCPerS.Value]
        from secondHold in Gen.Double[2, 30]
        from noise in Gen.Double[0, 0.3]
        from fault in Gen.OneOf(FaultKinds)
        from faultAt in Gen.Double[0, 1.1]
        from faultValue in FaultValue
        select new Case(simSeed, pad, Math.Round(firstC, 2), Math.Round(firstRamp, 3), Math.Round(firstHold, 1), Math.Round(secondC, 2),
            Math.Round(secondRamp, 3), Math.Round(secondHold, 1), noise, fault, faultAt, faultValue);

    [Fact]
    public void No_valid_profile_noise_or_single_fault_lets_the_pad_surface_leave_10_to_43_C()
    {
        var worstMax = double.MinValue;
        var worstMin = double.MaxValue;
        // One sample of the whole batch: CsCheck's seed fixes only the first iteration, so the batch is that
        // iteration. A failing batch shrinks toward the fewest, simplest cases.
        Cases.Array[Iterations].Sample(batch =>
        {
            foreach (var c in batch)
            {
                var report = Run(c);
                foreach (var pad in new[] { "pad1", "pad2" })
                {
                    var max = report.Channels[pad].PhysicalMaxC!.Value;
                    var min = report.Channels[pad].PhysicalMinC!.Value;
                    worstMax = Math.Max(worstMax, max);
                    worstMin = Math.Min(worstMin, min);
                    if (max > AbsoluteLimits.SkinContactMaxC || min < AbsoluteLimits.PadMinTripC.Value)
                    {
                        throw new InvalidOperationException($"{pad} physically reached {min:0.00}..{max:0.00} °C ({report.Outcome}, {report.Reason}) for {c}");
                    }
                }
            }
        }, seed: Seed, iter: 1, threads: 1, print: batch => string.Join("\n", batch.Select(c => $"{c}\nprofile: {c.ProfileJson()}\nscenario: {c.ScenarioJson()}")));
        output.WriteLine($"{Iterations} cases from seed {Seed}: hottest surface {worstMax:0.00} °C ({AbsoluteLimits.SkinContactMaxC - worstMax:0.00} °C under 43 °C), coldest {worstMin:0.00} °C");
        Assert.InRange(worstMax, AbsoluteLimits.PadMinTripC.Value, AbsoluteLimits.SkinContactMaxC);
    }

    private static SimulationReport Run(Case c)
    {
        using var run = new SimulationRun(SimulateVerb.LoadHardwareOptions(), c.SimSeed);
        var parsed = ProfileParser.Parse(c.ProfileJson(), run.Envelope);
        if (!parsed.IsValid)
        {
            throw new InvalidOperationException($"the generator made an invalid profile: {string.Join("; ", parsed.Errors)}");
        }

        foreach (var pad in run.Device.Pads)
        {
            pad.ControlFault.NoiseStdDev = c.NoiseC;
            pad.SafetyFault.NoiseStdDev = c.NoiseC;
        }

        return run.Run(parsed.Value!, Scenario.Parse(c.ScenarioJson(), run.Device.Layout));
    }
}
