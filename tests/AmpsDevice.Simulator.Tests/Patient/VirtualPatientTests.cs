using AmpsDevice.Simulator.Patient;
using Xunit.Abstractions;

namespace AmpsDevice.Simulator.Tests.Patient;

public class VirtualPatientTests
{
    private static readonly VirtualPatientParameters P = VirtualPatientParameters.Default;
    private readonly ITestOutputHelper _out;

    public VirtualPatientTests(ITestOutputHelper output) => _out = output;

    // A typical graded-exposure session: warmth to 38 °C with vibration, 15 minutes of stimulation.
    private static readonly StimulusExposure Warmth = StimulusExposure.Thermal(38.0, durationS: 30.0);
    private static readonly StimulusExposure Mixed = new(ThermalDeviationC: 6.0, VibrationAmplitude: 0.4, VibrationFrequencyHz: 120.0, DurationS: 30.0);

    /// <summary>One session: ten ratings of the same stimulus, then the session is recorded.</summary>
    private static (double MeanRating, double Sensitivity) Session(VirtualPatient patient, in StimulusExposure stimulus, bool distress = false)
    {
        int sum = 0;
        int max = 0;
        for (int i = 0; i < 10; i++)
        {
            int rating = patient.RatePain(stimulus);
            sum += rating;
            max = Math.Max(max, rating);
        }

        patient.CompleteSession(new SessionExperience(max, distress, ExposureS: 900.0));
        return (sum / 10.0, patient.Sensitivity);
    }

    [Fact]
    public void The_same_seed_gives_the_same_patient_and_another_seed_a_different_one()
    {
        static List<double> Course(int seed)
        {
            var patient = new VirtualPatient(P, seed);
            var record = new List<double> { patient.Sensitivity };
            for (int day = 0; day < 20; day++)
            {
                var (mean, g) = Session(patient, Mixed);
                record.Add(mean);
                record.Add(g);
                record.Add(patient.WillWithdraw(StimulusExposure.Thermal(42.0, 60.0), 5.0) ? 1 : 0);
            }

            return record;
        }

        Assert.Equal(Course(11), Course(11));
        Assert.NotEqual(Course(11), Course(12));
    }

    [Fact]
    public void Sensitivity_and_ratings_fall_over_eight_weeks_of_daily_tolerated_exposure()
    {
        foreach (int seed in new[] { 1, 2, 3, 4, 5 })
        {
            var patient = new VirtualPatient(P, seed);
            double initial = patient.Sensitivity;
            Assert.InRange(initial, 3.0, 8.0);
            var weeks = new List<(double Rating, double Sensitivity)>();
            for (int day = 0; day < 56; day++)
            {
                weeks.Add(Session(patient, Mixed));
            }

            double firstWeek = weeks.Take(7).Average(w => w.Rating);
            double lastWeek = weeks.Skip(49).Average(w => w.Rating);
            Assert.Equal(56, patient.SessionsCompleted);
            Assert.Equal(56.0, patient.ProgramDay);
            Assert.True(patient.Sensitivity < 1.0 + 0.35 * (initial - 1.0), $"seed {seed}: {initial:F2} → {patient.Sensitivity:F2}");
            Assert.True(patient.Sensitivity >= P.FloorSensitivity);
            Assert.True(firstWeek - lastWeek >= 2.0, $"seed {seed}: week 1 {firstWeek:F1}, week 8 {lastWeek:F1}");
            Assert.True(weeks.Skip(49).Average(w => w.Sensitivity) < weeks.Take(7).Average(w => w.Sensitivity));
            _out.WriteLine($"seed {seed}: G {initial:F2} → {patient.Sensitivity:F2}; mean rating week 1 {firstWeek:F1}, week 8 {lastWeek:F1}");
        }
    }

    [Fact]
    public void Sessions_that_end_in_distress_desensitize_more_slowly()
    {
        var tolerated = new VirtualPatient(P, 21);
        var distressed = new VirtualPatient(P, 21);
        for (int day = 0; day < 28; day++)
        {
            Session(tolerated, Mixed);
            Session(distressed, Mixed, distress: true);
        }

        Assert.True(distressed.Sensitivity > tolerated.Sensitivity + 0.5,
            $"distressed {distressed.Sensitivity:F2} vs tolerated {tolerated.Sensitivity:F2}");
        Assert.True(distressed.Sensitivity < distressed.InitialSensitivity, "still some progress");
    }

    [Fact]
    public void Some_sensitivity_comes_back_over_days_without_sessions()
    {
        var patient = new VirtualPatient(P, 5);
        for (int day = 0; day < 21; day++)
        {
            Session(patient, Mixed);
        }

        double after = patient.Sensitivity;
        patient.CompleteSession(new SessionExperience(MaxPain: 0, EndedInDistress: false, ExposureS: 0.0, DaysUntilNextSession: 14.0));
        Assert.True(patient.Sensitivity > after, "a two-week break loses some ground");
        Assert.True(patient.Sensitivity < patient.InitialSensitivity, "but not all of it");
    }

    [Fact]
    public void Ratings_stay_integers_from_zero_to_ten_whatever_the_stimulus()
    {
        var stimuli = new StimulusExposure[]
        {
            StimulusExposure.None,
            StimulusExposure.Thermal(43.0, 600.0),
            StimulusExposure.Thermal(10.0, 120.0),
            new(ThermalDeviationC: 20.0, VibrationAmplitude: 1.0, VibrationFrequencyHz: 220.0, PressureN: 60.0, DurationS: 3600.0),
            StimulusExposure.Vibration(5.0, 1e6, 1.0),
            StimulusExposure.Pressure(-5.0, 0.0),
        };
        var seen = new HashSet<int>();
        for (int seed = 0; seed < 50; seed++)
        {
            var patient = new VirtualPatient(P, seed);
            foreach (var s in stimuli)
            {
                int rating = patient.RatePain(s);
                Assert.InRange(rating, 0, 10);
                seen.Add(rating);
            }
        }

        Assert.Contains(10, seen);

        // The clamp at 0 is reached too: a patient without ongoing pain rates "nothing" as 0 mostly.
        var calm = new VirtualPatient(P with { SpontaneousPainAtStart = 0.0 }, 1);
        int zeros = Enumerable.Range(0, 100).Count(_ => calm.RatePain(StimulusExposure.None) == 0);
        Assert.True(zeros > 60, $"{zeros} of 100 ratings of no stimulus were 0");
    }

    [Fact]
    public void Perceived_pain_grows_with_every_modality_and_with_sensitivity()
    {
        var patient = new VirtualPatient(P, 3);
        double Pain(in StimulusExposure s) => patient.PerceivedPain(s);

        Assert.True(Pain(StimulusExposure.Thermal(36.0, 10)) < Pain(StimulusExposure.Thermal(40.0, 10)));
        Assert.True(Pain(StimulusExposure.Thermal(40.0, 10)) < Pain(StimulusExposure.Thermal(42.0, 10)));
        Assert.True(Pain(StimulusExposure.Thermal(28.0, 10)) < Pain(StimulusExposure.Thermal(20.0, 10)));
        Assert.True(Pain(StimulusExposure.Thermal(20.0, 10)) < Pain(StimulusExposure.Thermal(15.0, 10)));
        Assert.True(Pain(StimulusExposure.Vibration(0.2, 200, 10)) < Pain(StimulusExposure.Vibration(0.6, 200, 10)));
        Assert.True(Pain(StimulusExposure.Vibration(0.6, 30, 10)) < Pain(StimulusExposure.Vibration(0.6, 200, 10)));
        Assert.True(Pain(StimulusExposure.Pressure(5, 10)) < Pain(StimulusExposure.Pressure(30, 10)));
        Assert.True(Pain(StimulusExposure.Thermal(40.0, 1)) < Pain(StimulusExposure.Thermal(40.0, 60)), "temporal summation");
        Assert.True(Pain(Warmth) < Pain(Warmth with { VibrationAmplitude = 0.4, VibrationFrequencyHz = 120.0 }), "modalities add");

        // At normal sensitivity a threshold stimulus (45 °C) rates about 1.5, and warmth to 38 °C barely registers.
        var healthy = new VirtualPatient(P with { InitialSensitivity = 1.0, SpontaneousPainAtStart = 0.0 }, 3);
        Assert.Equal(1.5, healthy.PerceivedPain(StimulusExposure.Thermal(45.0, 0.0)), 0.05);
        Assert.True(healthy.PerceivedPain(Warmth) < 0.7);
        Assert.True(patient.PerceivedPain(Warmth) > 2.5, "amplified: the same warmth hurts the AMPS patient");
    }

    [Fact]
    public void Withdrawals_are_rare_at_low_pain_and_frequent_at_high_pain()
    {
        var patient = new VirtualPatient(P, 8);
        var mild = StimulusExposure.Thermal(35.0, 30.0);
        var harsh = new StimulusExposure(ThermalDeviationC: 11.0, VibrationAmplitude: 1.0, VibrationFrequencyHz: 220.0, PressureN: 40.0, DurationS: 60.0);
        Assert.True(patient.PerceivedPain(mild) < 4.0);
        Assert.True(patient.PerceivedPain(harsh) > 9.0);
        Assert.True(patient.WithdrawalHazardPerS(mild) < patient.WithdrawalHazardPerS(harsh) / 100.0);

        int mildCount = 0, harshCount = 0;
        for (int trial = 0; trial < 2000; trial++)
        {
            // One second of exposure per trial, in 1 ms steps.
            bool m = false, h = false;
            for (int i = 0; i < 1000; i++)
            {
                m |= patient.WillWithdraw(mild, 0.001);
                h |= patient.WillWithdraw(harsh, 0.001);
            }

            mildCount += m ? 1 : 0;
            harshCount += h ? 1 : 0;
        }

        double expectedHarsh = 2000 * (1.0 - Math.Exp(-patient.WithdrawalHazardPerS(harsh)));
        Assert.True(mildCount <= 5, $"{mildCount} withdrawals in 2000 s of mild warmth");
        Assert.Equal(expectedHarsh, harshCount, 4.0 * Math.Sqrt(expectedHarsh));
        _out.WriteLine($"withdrawals per 2000 s: mild {mildCount}, harsh {harshCount} (expected {expectedHarsh:F0})");
    }

    [Fact]
    public void Non_finite_stimuli_are_refused()
    {
        var patient = new VirtualPatient(P, 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => patient.RatePain(StimulusExposure.Thermal(double.NaN, 1.0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => patient.CompleteSession(new SessionExperience(double.NaN, false, 600.0)));
    }
}
