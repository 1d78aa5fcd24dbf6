using AmpsDevice.Simulator.Physics;
using Xunit.Abstractions;

namespace AmpsDevice.Simulator.Tests.Physics;

/// <summary>
/// The simulator steps each pad once per 10 ms control tick. These drive the model through heating,
/// holding, cooling and a stuck-on heater that the rail then cuts, a new drive every tick, and compare
/// its surface temperature with a fine reference (classic Runge-Kutta at 0.1 ms on the heat balance as
/// docs/simulator.md writes it) and with the 1 ms backward-Euler steps the simulator used to take.
/// </summary>
public class PadTrajectoryTests
{
    private const double TickS = 0.01;
    private const double AmbientC = 24.0;
    private const double NeutralC = 32.0;

    /// <summary>0.1 mK, an 78th of a TMP117 count (0.0078125 °C): far below anything a sensor or a rule can
    /// see. Measured: about 0.001 mK; the 1 ms backward-Euler steps were 0.5-0.65 mK from the reference.</summary>
    private const double ToleranceC = 0.0001;

    private static readonly PeltierPadParameters Tec = PeltierPadParameters.Tec1_12706;
    private readonly ITestOutputHelper _out;

    public PadTrajectoryTests(ITestOutputHelper output) => _out = output;

    /// <summary>The drive for one tick: voltage, open circuit (bridge off or rail cut), limb on the pad.</summary>
    private readonly record struct Drive(double Volts, bool Open, bool Skin);

    /// <summary>About 4 minutes of ticks: each phase changes the drive every tick as a PWM controller's output does.</summary>
    private static IEnumerable<(string Phase, Drive Drive)> Session()
    {
        // Heating toward a warm stimulus: full drive, then a tapering duty.
        for (var t = 0; t < 300; t++)
        {
            yield return ("heating", new Drive(t < 100 ? 12.0 : 12.0 * (1.0 - (t - 100) / 250.0), false, true));
        }

        // Holding: a duty that dithers around the holding voltage every tick, the limb lifted for a while.
        for (var t = 0; t < 6000; t++)
        {
            yield return ("holding", new Drive(1.5 + (t % 2 == 0 ? 0.8 : -0.8) + 0.3 * Math.Sin(t * 0.05), false, t is < 2000 or >= 3000));
        }

        // Cooling toward a cold stimulus, then the 0 V brake.
        for (var t = 0; t < 9000; t++)
        {
            yield return ("cooling", new Drive(t < 6000 ? -6.0 + (t % 3) : 0.0, false, true));
        }

        // A heater stuck on at full rail for 1.5 s, then the supervisor cuts the rail (open circuit).
        for (var t = 0; t < 3150; t++)
        {
            yield return ("stuck-on", new Drive(12.0, t >= 150, true));
        }
    }

    [Fact]
    public void One_step_per_tick_follows_the_fine_reference_through_a_session()
    {
        var perTick = new PeltierPadModel(Tec, AmbientC, NeutralC);
        var reference = new ReferencePad(NeutralC);
        var previous = new BackwardEulerPad(NeutralC);
        var worstNew = new Dictionary<string, double>();
        var worstOld = new Dictionary<string, double>();
        double min = double.MaxValue, max = double.MinValue;

        foreach (var (phase, drive) in Session())
        {
            perTick.AppliedVoltage = drive.Volts;
            perTick.OpenCircuit = drive.Open;
            perTick.SkinContact = drive.Skin;
            perTick.Step(TickS);
            reference.Advance(drive, TickS, substeps: 100);
            previous.Advance(drive, TickS, substeps: 10);

            worstNew[phase] = Math.Max(worstNew.GetValueOrDefault(phase), Math.Abs(perTick.SurfaceC - reference.PadC));
            worstOld[phase] = Math.Max(worstOld.GetValueOrDefault(phase), Math.Abs(previous.PadC - reference.PadC));
            Assert.Equal(reference.SinkC, perTick.HeatSinkC, ToleranceC);
            min = Math.Min(min, reference.PadC);
            max = Math.Max(max, reference.PadC);
        }

        foreach (var phase in worstNew.Keys)
        {
            _out.WriteLine($"{phase}: one step per tick {worstNew[phase] * 1000:F4} mK, ten 1 ms backward-Euler steps {worstOld[phase] * 1000:F4} mK from the reference");
        }

        _out.WriteLine($"surface {min:F2}..{max:F2} °C");

        // The session reaches what it is meant to exercise: a hot transient, a cold stimulus.
        Assert.InRange(max, 40.0, 60.0);
        Assert.InRange(min, 10.0, 20.0);
        foreach (var phase in worstNew.Keys)
        {
            Assert.True(worstNew[phase] <= ToleranceC, $"{phase}: {worstNew[phase]:E2} °C from the reference");

            // Second order at 10 ms is no worse than first order at 1 ms.
            Assert.True(worstNew[phase] <= worstOld[phase], $"{phase}: {worstNew[phase]:E2} °C against {worstOld[phase]:E2} °C before");
        }
    }

    /// <summary>The heat balance of docs/simulator.md, integrated with classic RK4 in small substeps.</summary>
    private sealed class ReferencePad(double padC)
    {
        public double PadC { get; private set; } = padC;

        public double SinkC { get; private set; } = AmbientC;

        public void Advance(Drive drive, double dtS, int substeps)
        {
            var h = dtS / substeps;
            for (var i = 0; i < substeps; i++)
            {
                var (p1, s1) = Rates(drive, PadC, SinkC);
                var (p2, s2) = Rates(drive, PadC + 0.5 * h * p1, SinkC + 0.5 * h * s1);
                var (p3, s3) = Rates(drive, PadC + 0.5 * h * p2, SinkC + 0.5 * h * s2);
                var (p4, s4) = Rates(drive, PadC + h * p3, SinkC + h * s3);
                PadC += h / 6.0 * (p1 + 2.0 * p2 + 2.0 * p3 + p4);
                SinkC += h / 6.0 * (s1 + 2.0 * s2 + 2.0 * s3 + s4);
            }
        }

        private static (double Pad, double Sink) Rates(Drive drive, double tp, double ts)
        {
            var current = drive.Open ? 0.0 : (drive.Volts - Tec.SeebeckVPerK * (tp - ts)) / Tec.ResistanceOhm;
            var joule = 0.5 * current * current * Tec.ResistanceOhm;
            var skin = drive.Skin ? Tec.SkinContactWPerK : 0.0;
            var qPad = Tec.SeebeckVPerK * current * (tp + PeltierPadParameters.ZeroCelsiusK) + joule - Tec.ConductanceWPerK * (tp - ts)
                       + skin * (Tec.BodyCoreC - tp) + Tec.PadToAmbientWPerK * (AmbientC - tp);
            var qSink = -Tec.SeebeckVPerK * current * (ts + PeltierPadParameters.ZeroCelsiusK) + joule + Tec.ConductanceWPerK * (tp - ts)
                        + Tec.SinkToAmbientWPerK * (AmbientC - ts);
            return (qPad / Tec.PadHeatCapacityJPerK, qSink / Tec.SinkHeatCapacityJPerK);
        }
    }

    /// <summary>The integrator the simulator used before: linearised backward Euler in 1 ms steps.</summary>
    private sealed class BackwardEulerPad(double padC)
    {
        public double PadC { get; private set; } = padC;

        private double _sinkC = AmbientC;

        public void Advance(Drive drive, double dtS, int substeps)
        {
            var h = dtS / substeps;
            for (var i = 0; i < substeps; i++)
            {
                Step(drive, h);
            }
        }

        private void Step(Drive drive, double dtS)
        {
            double tp = PadC, ts = _sinkC;
            double tpK = tp + PeltierPadParameters.ZeroCelsiusK, tsK = ts + PeltierPadParameters.ZeroCelsiusK;
            var current = drive.Open ? 0.0 : (drive.Volts - Tec.SeebeckVPerK * (tp - ts)) / Tec.ResistanceOhm;
            var a2r = drive.Open ? 0.0 : Tec.SeebeckVPerK * Tec.SeebeckVPerK / Tec.ResistanceOhm;
            var aI = Tec.SeebeckVPerK * current;
            var joule = 0.5 * current * current * Tec.ResistanceOhm;
            var skin = drive.Skin ? Tec.SkinContactWPerK : 0.0;
            var k = Tec.ConductanceWPerK;
            var qPad = aI * tpK + joule - k * (tp - ts) + skin * (Tec.BodyCoreC - tp) + Tec.PadToAmbientWPerK * (AmbientC - tp);
            var qSink = -aI * tsK + joule + k * (tp - ts) + Tec.SinkToAmbientWPerK * (AmbientC - ts);
            var hp = dtS / Tec.PadHeatCapacityJPerK;
            var hs = dtS / Tec.SinkHeatCapacityJPerK;
            var a11 = 1.0 - hp * (-a2r * tpK - k - skin - Tec.PadToAmbientWPerK);
            var a12 = -hp * (a2r * tpK + aI + k);
            var a21 = -hs * (a2r * tsK - aI + k);
            var a22 = 1.0 - hs * (-a2r * tsK - k - Tec.SinkToAmbientWPerK);
            var b1 = hp * qPad;
            var b2 = hs * qSink;
            var invDet = 1.0 / (a11 * a22 - a12 * a21);
            PadC = tp + (b1 * a22 - a12 * b2) * invDet;
            _sinkC = ts + (a11 * b2 - a21 * b1) * invDet;
        }
    }
}
