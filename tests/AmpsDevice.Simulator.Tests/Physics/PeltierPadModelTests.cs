using AmpsDevice.FirmwareHost.Safety.Rules;
using System.Diagnostics;
using AmpsDevice.Protocol.Envelope;
using AmpsDevice.Simulator.Physics;
using Xunit.Abstractions;

namespace AmpsDevice.Simulator.Tests.Physics;

public class PeltierPadModelTests
{
    private const double Dt = 0.001;
    private const double AmbientC = 24.0;
    private static readonly PeltierPadParameters Tec = PeltierPadParameters.Tec1_12706;
    private readonly ITestOutputHelper _out;

    public PeltierPadModelTests(ITestOutputHelper output) => _out = output;

    private static void Run(PeltierPadModel pad, double seconds)
    {
        int n = (int)Math.Round(seconds / Dt);
        for (int i = 0; i < n; i++)
        {
            pad.Step(Dt);
        }
    }

    private static PeltierPadModel Pad(double initialC = AbsoluteLimits.NeutralC) => new(Tec, AmbientC, initialC);

    [Fact]
    public void Module_constants_follow_the_TEC1_12706_datasheet_formulas()
    {
        // α = 15.4/323.15, R = (15.4/6.4)·255.15/323.15, K = 6.4·15.4·255.15/(2·323.15·68).
        Assert.Equal(0.04766, Tec.SeebeckVPerK, 4);
        Assert.Equal(1.8999, Tec.ResistanceOhm, 3);
        Assert.Equal(0.5722, Tec.ConductanceWPerK, 3);

        // The derived constants give back the datasheet's maxima: Qmax (ΔT = 0, I = Imax, 50 °C)
        // within 15 % of the sheet's 53 W, and Vmax = α·ΔTmax + Imax·R at ΔTmax.
        double qmax = Tec.CoolingCapacityW(6.4, 50.0);
        Assert.InRange(qmax, 53.0 * 0.85, 53.0 * 1.15);
        Assert.Equal(15.4, Tec.SeebeckVPerK * 68.0 + 6.4 * Tec.ResistanceOhm, 1);
        _out.WriteLine($"alpha={Tec.SeebeckVPerK:F5} V/K R={Tec.ResistanceOhm:F4} ohm K={Tec.ConductanceWPerK:F4} W/K Qmax(model)={qmax:F1} W");
    }

    [Fact]
    public void Full_heat_from_neutral_rises_at_the_rate_the_module_explains()
    {
        var pad = Pad();
        pad.AppliedVoltage = Tec.RailV;

        // Hand calculation at t = 0 (pad 32 °C, sink 24 °C): I = (12 − α·8)/R ≈ 6.12 A,
        // q = α·I·305.15 + ½I²R − K·8 + 0.6·(37 − 32) + 0.02·(24 − 32) ≈ 122.6 W → ≈ 7.4 °C/s on 16.5 J/K.
        double i0 = (12.0 - Tec.SeebeckVPerK * 8.0) / Tec.ResistanceOhm;
        double q0 = Tec.SeebeckVPerK * i0 * 305.15 + 0.5 * i0 * i0 * Tec.ResistanceOhm - Tec.ConductanceWPerK * 8.0
                    + Tec.SkinContactWPerK * 5.0 + Tec.PadToAmbientWPerK * -8.0;
        double expectedRate = q0 / Tec.PadHeatCapacityJPerK;
        Assert.Equal(i0, pad.CurrentA, 9);

        Run(pad, 0.1);
        double rate = (pad.SurfaceC - 32.0) / 0.1;
        Assert.Equal(expectedRate, rate, expectedRate * 0.03);
        Assert.InRange(rate, 5.0, 10.0);
        Assert.True(rate > ThermalRunawayRule.MaxRateCPerS, "a stuck-on heater must look like a runaway to the safety rule");

        Run(pad, 0.9);
        double after1s = pad.SurfaceC;
        Assert.InRange(after1s, 37.0, 41.0);
        _out.WriteLine($"full heat: initial {rate:F2} C/s (hand {expectedRate:F2}), after 1 s {after1s:F2} C, after 10 s below");
        Run(pad, 9.0);
        _out.WriteLine($"  after 10 s {pad.SurfaceC:F1} C, current {pad.CurrentA:F2} A, sink {pad.HeatSinkC:F1} C");

        // The back-EMF grows with ΔT, so the current falls as the pad heats.
        Assert.True(pad.CurrentA < i0 - 0.5);
    }

    [Fact]
    public void Full_heat_settles_and_cools_back_to_equilibrium_when_off()
    {
        var pad = Pad();
        pad.AppliedVoltage = Tec.RailV;
        Run(pad, 1800);
        double hot = pad.SurfaceC;
        Run(pad, 1);
        Assert.True(Math.Abs(pad.SurfaceC - hot) < 0.01, "settled: less than 0.01 °C/s of drift after 30 min");
        Assert.InRange(hot, 80.0, 140.0);

        pad.AppliedVoltage = 0.0;
        Run(pad, 10);
        Assert.True(pad.SurfaceC < hot - 20.0, "switched off, the hot pad sheds heat fast into skin and sink");
        Run(pad, 1800);
        double equilibrium = ZeroVoltEquilibrium();
        Assert.Equal(equilibrium, pad.SurfaceC, 0.2);
        _out.WriteLine($"full heat settles at {hot:F1} C (sink {pad.HeatSinkC:F1} C after cool-down); 0 V equilibrium {equilibrium:F2} C");
    }

    private static double ZeroVoltEquilibrium()
    {
        var pad = Pad(AbsoluteLimits.NeutralC);
        Run(pad, 3600);
        return pad.SurfaceC;
    }

    [Fact]
    public void At_zero_volts_the_pad_settles_between_the_sink_side_and_the_skin()
    {
        // Same equilibrium from a cold and a warm start, and it sits between ambient and the body
        // core. The module's own K (0.57 W/K) ties the pad to the sink about as strongly as the skin
        // (0.6 W/K) ties it to the body, so it lands near 30 °C, not at skin temperature.
        var cold = Pad(15.0);
        var warm = Pad(40.0);
        Run(cold, 3600);
        Run(warm, 3600);
        Assert.Equal(cold.SurfaceC, warm.SurfaceC, 0.05);
        Assert.InRange(cold.SurfaceC, 29.0, 32.0);

        // H-bridge disabled (no Seebeck short-circuit current) settles a little warmer.
        var open = Pad(32.0);
        open.OpenCircuit = true;
        Run(open, 3600);
        Assert.InRange(open.SurfaceC, cold.SurfaceC + 0.3, 32.5);
        _out.WriteLine($"0 V brake: {cold.SurfaceC:F2} C (sink {cold.HeatSinkC:F2} C); open circuit: {open.SurfaceC:F2} C");
    }

    [Fact]
    public void Without_skin_contact_and_current_the_pad_goes_to_ambient()
    {
        var pad = Pad(32.0);
        pad.SkinContact = false;
        pad.OpenCircuit = true;
        Run(pad, 3600);
        Assert.Equal(AmbientC, pad.SurfaceC, 0.1);
        Assert.Equal(AmbientC, pad.HeatSinkC, 0.1);
    }

    [Fact]
    public void Open_circuit_ignores_the_applied_voltage()
    {
        var pad = Pad();
        pad.AppliedVoltage = Tec.RailV;
        pad.OpenCircuit = true;
        Assert.Equal(0.0, pad.CurrentA);
        Run(pad, 1);
        Assert.True(pad.SurfaceC < 32.0 + 0.1);
    }

    [Theory]
    [InlineData(-4.0, 18.0)]
    [InlineData(-5.0, 16.0)]
    [InlineData(-6.0, 15.0)]
    public void Moderate_negative_voltage_cools_the_skin_side_to_cold_stimulus_range(double volts, double steadyAtMostC)
    {
        var pad = Pad();
        pad.AppliedVoltage = volts;
        Run(pad, 60);
        double after60 = pad.SurfaceC;
        Assert.True(after60 <= 18.0, $"after 60 s at {volts} V the pad is at {after60:F1} °C");
        Run(pad, 1740);
        Assert.True(pad.SurfaceC <= steadyAtMostC, $"after 30 min at {volts} V the pad is at {pad.SurfaceC:F1} °C");
        Assert.True(pad.SurfaceC > 10.0, "the skin load keeps a moderate drive above the cold trip");
        Assert.True(pad.HeatSinkC > AmbientC + 5.0, "the pumped heat warms the sink");
        _out.WriteLine($"{volts} V: 60 s {after60:F2} C, 30 min {pad.SurfaceC:F2} C, sink {pad.HeatSinkC:F1} C, I {pad.CurrentA:F2} A");
    }

    [Fact]
    public void Energy_is_conserved_through_a_mixed_drive()
    {
        var pad = Pad();
        double stored0 = pad.StoredHeatJ;
        double net = 0.0;
        double gross = 0.0;
        double[] volts = [12.0, -6.0, 3.0, 0.0, -12.0, 6.0];
        foreach (double v in volts)
        {
            pad.AppliedVoltage = v;
            for (int i = 0; i < 20_000; i++)
            {
                double before = pad.ElectricalPowerW - pad.HeatToSkinW - pad.HeatToAmbientW;
                pad.Step(Dt);
                double after = pad.ElectricalPowerW - pad.HeatToSkinW - pad.HeatToAmbientW;
                net += 0.5 * (before + after) * Dt;
                gross += Math.Abs(pad.ElectricalPowerW) * Dt;
            }
        }

        double storedChange = pad.StoredHeatJ - stored0;
        Assert.True(gross > 1000.0);
        Assert.True(Math.Abs(storedChange - net) < 0.002 * gross,
            $"stored {storedChange:F1} J vs net inflow {net:F1} J (electrical {gross:F0} J)");
    }

    [Fact]
    public void An_hour_at_one_millisecond_stays_finite_bounded_and_cheap()
    {
        var pad = Pad();
        var stopwatch = Stopwatch.StartNew();
        double min = double.MaxValue, max = double.MinValue;
        for (int second = 0; second < 3600; second++)
        {
            // Alternate full heat, full cooling and rest, a minute each, with contact on and off.
            int phase = second / 60 % 4;
            pad.AppliedVoltage = phase switch { 0 => 12.0, 1 => 0.0, 2 => -12.0, _ => 0.0 };
            pad.SkinContact = second / 300 % 2 == 0;
            for (int i = 0; i < 1000; i++)
            {
                pad.Step(Dt);
            }

            min = Math.Min(min, pad.SurfaceC);
            max = Math.Max(max, pad.SurfaceC);
        }

        stopwatch.Stop();
        double nsPerStep = stopwatch.Elapsed.TotalNanoseconds / 3_600_000;
        Assert.True(double.IsFinite(pad.SurfaceC) && double.IsFinite(pad.HeatSinkC));
        Assert.InRange(min, -40.0, 32.0);
        // Full heat with no limb on the pad is the hottest case: only the module's own K carries the
        // heat back to a sink the module itself is cooling; a real TEC1-12706 is rated to ~138 °C.
        Assert.InRange(max, 32.0, 200.0);
        Assert.True(nsPerStep < 1000.0, $"{nsPerStep:F1} ns per step");
        _out.WriteLine($"hour: {nsPerStep:F1} ns/step (including loop), surface {min:F1}..{max:F1} C");
    }

    [Fact]
    public void Step_does_not_allocate()
    {
        var pad = Pad();
        pad.AppliedVoltage = 7.0;
        pad.Step(Dt);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100_000; i++)
        {
            pad.Step(Dt);
            _ = pad.CurrentA;
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Theory]
    [InlineData(12.0)]
    [InlineData(-8.0)]
    public void Large_steps_stay_stable_and_near_the_fine_solution(double volts)
    {
        var fine = Pad();
        var coarse = Pad();
        fine.AppliedVoltage = volts;
        coarse.AppliedVoltage = volts;
        Run(fine, 120);
        for (int i = 0; i < 120; i++)
        {
            coarse.Step(1.0);
        }

        Assert.True(Math.Abs(fine.SurfaceC - coarse.SurfaceC) < 2.0, $"fine {fine.SurfaceC:F2} vs 1 s steps {coarse.SurfaceC:F2}");
    }

    [Fact]
    public void Invalid_parameters_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PeltierPadModel(Tec with { PadHeatCapacityJPerK = 0.0 }, 24.0, 32.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PeltierPadModel(Tec, 24.0, double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => PeltierPadParameters.FromDatasheet(6.4, 15.4, 400.0, 50.0));
    }
}
