using AmpsDevice.Protocol.Profiles;

namespace AmpsDevice.Protocol.Tests.Profiles;

public class ProfileDurationTests
{
    [Fact]
    public void Thermal_step_ramps_from_the_start_temperature_holds_and_returns_to_neutral()
    {
        var step = new ThermalStep("pad1", 38, 1, 60);

        Assert.Equal(6 + 60 + 6, step.NominalDurationS(32.0));
        Assert.Equal(8 + 60 + 6, step.NominalDurationS(30.0));
        Assert.Equal(6 + 60, (step with { ReturnToNeutral = false }).NominalDurationS(32.0));
        Assert.Equal(32.0, step.EndTemperatureC);
        Assert.Equal(38.0, (step with { ReturnToNeutral = false }).EndTemperatureC);
    }

    [Fact]
    public void Cold_step_at_half_a_degree_per_second()
    {
        Assert.Equal(20 + 45 + 20, new ThermalStep("pad2", 22, 0.5, 45).NominalDurationS(32.0));
    }

    [Fact]
    public void Contract_example_totals_4_42_and_up_to_5_42_with_the_pressure_timeout()
    {
        var profile = ProfileParser.Parse(Samples.ContractExample).Value!;

        var timeline = profile.Timeline();

        // 72 thermal + 30 vibration + 15 pressure + 20 rest + 60 breathing + max(85 thermal, 45 vibration).
        Assert.Equal(282, timeline.NominalDurationS, 9);
        Assert.Equal(282 + 60, timeline.MaximumDurationS, 9);
        Assert.Equal(0, timeline.FinalReturnS);
        Assert.Equal([0.0, 72, 102, 117, 137, 197], timeline.Steps.Select(s => s.StartS));
        Assert.Equal([72.0, 30, 15, 20, 60, 85], timeline.Steps.Select(s => s.NominalDurationS));
        Assert.Equal(75, timeline.Steps[2].MaximumDurationS);
        Assert.Equal(282, profile.NominalDurationS(), 9);
    }

    [Fact]
    public void A_pad_left_off_neutral_starts_the_next_step_there_and_returns_at_the_end()
    {
        var profile = new StimulusProfile("t", 5,
        [
            new ThermalStep("pad1", 40, 2, 10) { ReturnToNeutral = false }, // 4 + 10
            new RestStep(30),
            new ThermalStep("pad1", 36, 1, 20) { ReturnToNeutral = false }, // 4 + 20, from 40
        ]);

        var timeline = profile.Timeline();

        Assert.Equal([14.0, 30, 24], timeline.Steps.Select(s => s.NominalDurationS));
        Assert.Equal(4, timeline.FinalReturnS); // 36 -> 32 at 1 °C/s
        Assert.Equal(14 + 30 + 24 + 4, timeline.NominalDurationS);
    }

    [Fact]
    public void Parallel_step_lasts_as_long_as_its_longest_step()
    {
        var parallel = new ParallelStep([new RestStep(10), new VibrationStep("vib1", 100, 0.2, 25, VibrationPattern.Continuous), new PressureStep("pressure1", 10, 2, 5) { TimeoutS = 30 }]);

        Assert.Equal(25, parallel.NominalDurationS());
        Assert.Equal(35, parallel.MaximumDurationS());
    }

    [Fact]
    public void Peaks_cover_every_stimulus_including_parallel_steps_and_breathing_cues()
    {
        var peaks = ProfileParser.Parse(Samples.ContractExample).Value!.Peaks();

        Assert.Equal(38, peaks.MaxTargetC);
        Assert.Equal(22, peaks.MinTargetC);
        Assert.Equal(0.4, peaks.MaxAmplitude);
        Assert.Equal(120, peaks.FrequencyAtMaxAmplitudeHz);
        Assert.Equal(120, peaks.MinFrequencyHz);
        Assert.Equal(200, peaks.MaxFrequencyHz);
        Assert.Equal(10, peaks.MaxForceN);
        Assert.Equal(30, peaks.LongestVibrationBoutS);
    }

    [Fact]
    public void On_time_of_pulsed_vibration_and_breathing_cues()
    {
        Assert.Equal(30, new VibrationStep("vib2", 200, 0.3, 45, VibrationPattern.Pulsed) { OnS = 2, OffS = 1 }.OnTimeS);
        Assert.Equal(3 * 2 + 1, new VibrationStep("vib2", 200, 0.3, 10, VibrationPattern.Pulsed) { OnS = 2, OffS = 1 }.OnTimeS);
        Assert.Equal(20, new VibrationStep("vib1", 100, 0.3, 20, VibrationPattern.Continuous).OnTimeS);
        Assert.Equal(6 * BreathingStep.CuePulseS, new BreathingStep("vib1", 6, 60).OnTimeS, 9);
    }

    [Fact]
    public void Summary_names_the_profile_its_duration_and_its_peaks()
    {
        var summary = ProfileSummary.Describe(ProfileParser.Parse(Samples.ContractExample).Value!);

        Assert.Equal(
            "\"Warmth and vibration, level 3\" (amps.profile/1): 6 steps (7 counting those inside parallel steps), total 4:42 "
            + "(up to 5:42 if every pressure step waits its full timeout). Peak heat 38 °C, peak cold 22 °C; "
            + "peak vibration amplitude 0.4 at 120 Hz (frequencies 120-200 Hz); peak force 10 N. "
            + "A pain rating of 7 or more pauses the session.",
            summary);
    }

    [Fact]
    public void Summary_of_a_rest_only_profile_says_what_is_absent()
    {
        var summary = ProfileSummary.Describe(new StimulusProfile("calm", 4, [new RestStep(90)]));

        Assert.Equal("\"calm\" (amps.profile/1): 1 step, total 1:30. No heat, no cold; no vibration; no pressure. A pain rating of 4 or more pauses the session.", summary);
    }
}
