using AmpsDevice.Control.Tests.Control;
using AmpsDevice.FirmwareHost.Safety.Rules;
using AmpsDevice.Protocol.Envelope;
using Xunit.Abstractions;
using static AmpsDevice.Control.Tests.Hazards.HazardRun;

namespace AmpsDevice.Control.Tests.Hazards;

/// <summary>
/// Over-long and over-strong vibration. The profile validator refuses both before a session starts; these
/// show the supervisor's backstops on the simulated device when a session engine asks for more anyway, or
/// when earlier sessions today already used up most of the daily dose.
/// </summary>
public class VibrationExposureHazardTests(ITestOutputHelper output)
{
    [Fact]
    public void Vibration_bout_past_60_s_is_stopped_at_60_s_by_the_supervisor()
    {
        using var rig = new PadLoopRig();
        rig.Vibrate(0.5);
        double trippedAtS = double.NaN, startedAtS = double.NaN;
        rig.Run(70, s =>
        {
            if (double.IsNaN(startedAtS) && rig.Loop.Outputs.Vibration[0].Amplitude > 0 && rig.Loop.Outputs.MasterEnable)
            {
                startedAtS = s.TimeS;
            }

            if (double.IsNaN(trippedAtS) && rig.Loop.Supervisor.Alarms.AnyLatched)
            {
                trippedAtS = s.TimeS;
                Assert.True(s.Safe, "the outputs were not safe in the tick that latched the alarm");
            }
        });
        var amplitudeAfter = rig.Device.Vibration[0].AmplitudeFraction;
        var bout = trippedAtS - startedAtS;
        output.WriteLine($"vibration-bout: tripped {bout:0.000} s into the bout; tactor amplitude 10 s later {amplitudeAfter:0.000}");

        var alarm = Assert.Single(rig.Loop.Supervisor.Alarms.Active);
        Assert.Equal("vibration-bout", alarm.Rule);
        Assert.Equal("vib1", alarm.Target);
        Assert.InRange(bout, AbsoluteLimits.VibrationMaxBoutS.Value, AbsoluteLimits.VibrationMaxBoutS.Value + 0.05);
        Assert.Equal(0.0, amplitudeAfter, 3);
    }

    [Fact]
    public async Task Vibration_daily_dose_reached_mid_session_trips_and_latches()
    {
        // Earlier sessions today left vib1 100 m²/s³ short of A(8) = 2.5 m/s² (Σa²t = 2.5² × 8 h = 180 000).
        // At amplitude 0.5 (5 m/s², 25 m²/s³ each second) the limit falls 4 s into the vibration step.
        var limit = AbsoluteLimits.VibrationDailyA8MaxMPerS2.Value * AbsoluteLimits.VibrationDailyA8MaxMPerS2.Value * VibrationDoseRule.ReferenceS;
        var o = await RunAsync(VibrateThenRest, NoEvents, arrange: run =>
            run.Supervisor.Rules.OfType<VibrationDoseRule>().Single().Seed(0, limit - 100));
        var trip = o.FirstTrip;
        output.WriteLine($"vibration-daily-dose: detected {trip.DetectedAtS:0.000} s into the session, safe at {trip.SafeAtS:0.000} s, latency {trip.LatencyMs} ms");

        Assert.Equal("safety-stop", o.Report.Outcome);
        Assert.Equal("vibration-daily-dose", trip.Rule);
        Assert.Equal("vib1", trip.Target);
        Assert.Equal(0.0, trip.LatencyMs);
        Assert.InRange(trip.DetectedAtS, 3.9, 4.2);
        Assert.Contains("vibration-daily-dose", o.LatchedRules);
        Assert.False(o.SecondStart.Ok);
    }

    [Fact]
    public void A_profile_asking_for_an_over_long_bout_is_rejected_before_anything_runs()
    {
        const string Long = """
            { "schema": "amps.profile/1", "name": "too long", "painStopAt": 8,
              "steps": [ { "kind": "vibration", "channel": "vib1", "frequencyHz": 120, "amplitude": 0.5, "durationS": 90, "pattern": "continuous" } ] }
            """;
        using var run = new FirmwareHost.Simulation.SimulationRun(FirmwareHost.Cli.SimulateVerb.LoadHardwareOptions(), 1);
        var parsed = Protocol.Profiles.ProfileParser.Parse(Long, run.Envelope);
        Assert.False(parsed.IsValid);
        Assert.Contains(parsed.Errors, e => e.ToString().Contains("60 s", StringComparison.Ordinal));
    }
}
