using AmpsDevice.FirmwareHost.Hardware;
using AmpsDevice.Simulator.Physics;

namespace AmpsDevice.Simulator.Tests.Physics;

public class TactorModelTests
{
    private const double Dt = 0.001;
    private static readonly TactorParameters P = TactorParameters.Default;

    private static void Run(TactorModel t, double seconds)
    {
        int n = (int)Math.Round(seconds / Dt);
        for (int i = 0; i < n; i++)
        {
            t.Step(Dt);
        }
    }

    [Fact]
    public void Spin_up_follows_a_first_order_envelope_with_the_stated_time_constant()
    {
        var t = new TactorModel(P);
        t.SetDrive(120.0, 0.5, powered: true);
        double steady = t.FrequencyResponse(120.0);
        Run(t, P.EnvelopeTimeConstantS);
        Assert.Equal(1.0 - Math.Exp(-1.0), t.AmplitudeFraction / steady, 3);
        Run(t, 4.0 * P.EnvelopeTimeConstantS);
        Assert.True(t.AmplitudeFraction / steady > 0.99);
        Assert.InRange(P.EnvelopeTimeConstantS, 0.010, 0.020);

        // 10 %-90 % rise time of a first-order envelope is τ·ln 9 ≈ 33 ms.
        var u = new TactorModel(P);
        u.SetDrive(200.0, 0.5, powered: true);
        double target = u.FrequencyResponse(200.0);
        double t10 = double.NaN, t90 = double.NaN;
        for (int i = 1; i <= 200; i++)
        {
            u.Step(Dt);
            if (double.IsNaN(t10) && u.AmplitudeFraction >= 0.1 * target)
            {
                t10 = i * Dt;
            }

            if (double.IsNaN(t90) && u.AmplitudeFraction >= 0.9 * target)
            {
                t90 = i * Dt;
            }
        }

        Assert.Equal(P.EnvelopeTimeConstantS * Math.Log(9.0), t90 - t10, 0.002);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.3)]
    [InlineData(0.5)]
    [InlineData(0.8)]
    [InlineData(1.0)]
    public void Commanded_amplitude_maps_to_duty_asin_over_pi_and_back_through_sin_pi_d(double amplitude)
    {
        double duty = SensorConversions.TactorDutyFromAmplitude(amplitude);
        Assert.InRange(duty, 0.0, 0.5);
        Assert.Equal(amplitude, Math.Sin(Math.PI * duty), 12);

        var t = new TactorModel(P);
        t.SetDrive(120.0, duty, powered: true);
        Run(t, 0.3);
        Assert.Equal(amplitude * t.FrequencyResponse(120.0), t.AmplitudeFraction, 6);
    }

    [Fact]
    public void Duty_above_one_half_gives_the_square_wave_fundamental_again()
    {
        var a = new TactorModel(P);
        var b = new TactorModel(P);
        a.SetDrive(150.0, 0.3, true);
        b.SetDrive(150.0, 0.7, true);
        Run(a, 0.3);
        Run(b, 0.3);
        Assert.Equal(a.AmplitudeFraction, b.AmplitudeFraction, 9);
        Assert.Equal(Math.Sin(Math.PI * 0.3) * a.FrequencyResponse(150.0), a.AmplitudeFraction, 6);
    }

    [Fact]
    public void Frequency_response_rolls_off_gently_outside_40_to_300_hz()
    {
        var t = new TactorModel(P);
        Assert.Equal(0.881, t.FrequencyResponse(120.0), 3);
        Assert.Equal(0.701, t.FrequencyResponse(300.0), 3);
        Assert.Equal(0.446, t.FrequencyResponse(20.0), 3);
        Assert.True(t.FrequencyResponse(20.0) < t.FrequencyResponse(40.0));
        Assert.True(t.FrequencyResponse(40.0) < t.FrequencyResponse(110.0));
        Assert.True(t.FrequencyResponse(300.0) < t.FrequencyResponse(200.0));
        Assert.Equal(0.0, t.FrequencyResponse(0.0));
    }

    [Fact]
    public void Current_is_duty_times_rail_over_coil_and_series_resistance_and_stays_within_the_exciter_rating()
    {
        var t = new TactorModel(P);
        t.SetDrive(200.0, 0.5, powered: true);
        Assert.Equal(0.5 * 12.0 / 9.0, t.CurrentA, 9);
        t.SetDrive(200.0, 0.25, powered: true);
        Assert.Equal(0.25 * 12.0 / 9.0, t.CurrentA, 9);

        // Full scale (D = 0.5) dissipates D·V²·Rc/(Rc + Rs)² in the coil: inside a 10 W exciter's rating at
        // the nominal 8 Ω (7.1 W) and at a DC resistance 15 % below it (8.1 W); without the series resistor
        // the low coil would take 10.6 W.
        foreach (var coilOhm in new[] { P.CoilResistanceOhm, 0.85 * P.CoilResistanceOhm })
        {
            var total = coilOhm + P.SeriesResistanceOhm;
            var coilPowerW = 0.5 * P.RailV * P.RailV * coilOhm / (total * total);
            Assert.InRange(coilPowerW, 0, 8.2);
        }

        // The motor-stuck-on rule's calibration is this full-scale current.
        t.SetDrive(200.0, 0.5, powered: true);
        Assert.Equal(new FirmwareHost.Control.ControlLoopOptions().MotorFullScaleCurrentA, t.CurrentA, 3);

        t.SetDrive(200.0, 0.5, powered: false);
        Assert.Equal(0.0, t.CurrentA);
    }

    [Fact]
    public void Power_off_rings_down_and_the_tactor_reads_still()
    {
        var t = new TactorModel(P);
        t.SetDrive(200.0, 0.5, powered: true);
        Run(t, 0.2);
        Assert.Equal(200.0, t.FrequencyHz);
        double on = t.AmplitudeFraction;
        t.SetDrive(200.0, 0.5, powered: false);
        Run(t, P.EnvelopeTimeConstantS);
        Assert.Equal(on * Math.Exp(-1.0), t.AmplitudeFraction, 3);
        Run(t, 0.2);
        Assert.True(t.AmplitudeFraction < P.StillAmplitude);
        Assert.Equal(0.0, t.FrequencyHz);
    }

    [Fact]
    public void Step_does_not_allocate()
    {
        var t = new TactorModel(P);
        t.SetDrive(200.0, 0.3, true);
        t.Step(Dt);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100_000; i++)
        {
            t.Step(Dt);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
