using AmpsDevice.FirmwareHost.Sessions.Records;

namespace AmpsDevice.Records.Tests;

/// <summary>What a simulated session leaves in <c>records.db</c>: every step, rating, event, alarm and acknowledgement, and 10 Hz samples.</summary>
public class SessionRecordTests
{
    // Pain at 10 s, the limb pulled off pressure1 at 20 s (withdrawal: the session pauses) and back at 23 s,
    // resumed at 26 s; the safety sensors' bus fails for a second at 200 s (a safety stop, an alarm), and the
    // therapist acknowledges it 3 s after the session ended.
    private const string Scenario = """
        { "events": [
          { "at": 10.0, "patient": "rate-pain", "value": 3 },
          { "at": 20.0, "patient": "withdraw", "target": "pressure1" },
          { "at": 23.0, "patient": "return", "target": "pressure1" },
          { "at": 26.0, "therapist": "resume" },
          { "at": 200.0, "fault": "i2c-bus-error", "target": "i2c-3", "duration": 1 }
        ] }
        """;

    private static readonly Lazy<(SessionExport Export, FirmwareHost.Simulation.SimulationReport Report)> Recorded = new(() =>
    {
        var data = RecordedSession.NewDataDirectory();
        var (report, id) = RecordedSession.Run(data, RecordedSession.Example("contract-example.json"), Scenario, after: (run, _) =>
        {
            run.TickFor(3);
            run.Supervisor.Alarms.RequestAcknowledge();
            run.TickFor(0.5);
        });
        return (RecordedSession.Load(data, id), report);
    });

    [Fact]
    public void The_session_row_holds_patient_profile_outcome_and_duration()
    {
        var (export, report) = Recorded.Value;
        var s = export.Session;
        Assert.Equal(("sim-5", "sim-patient", "safety-stop"), (s.SessionId, s.PatientId, s.Outcome));
        Assert.Equal(report.DurationS, s.DurationS!.Value, 1);
        Assert.Equal(3, s.MaxPain);
        Assert.Equal(10, s.SampleRateHz);
        Assert.Null(s.PlanId);
        Assert.Equal("amps.profile/1", export.Profile.GetProperty("schema").GetString());
        Assert.Equal(6, export.Profile.GetProperty("steps").GetArrayLength());
    }

    [Fact]
    public void Every_step_that_ran_is_recorded_with_its_times_and_result_as_in_the_report()
    {
        var (export, report) = Recorded.Value;
        Assert.Equal(report.Steps.Count, export.Steps.Count);
        foreach (var (recorded, reported) in export.Steps.Zip(report.Steps))
        {
            Assert.Equal(reported.Index, recorded.Index);
            Assert.Equal(reported.StartedAtS, recorded.StartedAtS, 2);
            Assert.Equal(reported.EndedAtS, recorded.EndedAtS!.Value, 2);
            Assert.Equal(reported.Result, recorded.Result);
        }

        Assert.Equal("thermal", export.Steps[0].Name);
        Assert.Equal("interrupted", export.Steps[^1].Result);
    }

    [Fact]
    public void Pain_rating_withdrawal_pause_resume_trip_stop_and_acknowledgement_are_all_events()
    {
        var (export, _) = Recorded.Value;
        var kinds = export.Events.Select(e => e.Kind).ToList();
        Assert.Equal("session-started", kinds[0]);
        foreach (var kind in new[] { "step-started", "step-ended", "pain-rating", "withdrawal", "session-paused", "session-resumed", "safety-trip", "safety-stop", "alarm-acknowledged" })
        {
            Assert.Contains(kind, kinds);
        }

        var pain = Assert.Single(export.PainRatings);
        Assert.Equal((10.0, 3), (Math.Round(pain.AtS), pain.Value));

        var withdrawal = export.Events.Single(e => e.Kind == "withdrawal");
        Assert.Equal("pressure1", withdrawal.Target);
        Assert.InRange(withdrawal.AtS, 20, 21);
        Assert.NotNull(withdrawal.LatencyMs);

        var trip = export.Events.First(e => e.Kind == "safety-trip");
        Assert.InRange(trip.AtS, 200, 201);
        Assert.NotNull(trip.Rule);
        Assert.InRange(trip.LatencyMs!.Value, 0, 10); // the outputs are safe in the tick that holds the evidence

        // In time order, and each event in the order it happened within its tick.
        Assert.Equal(export.Events.OrderBy(e => e.AtS).Select(e => e.AtS), export.Events.Select(e => e.AtS));
        Assert.True(kinds.IndexOf("safety-trip") < kinds.IndexOf("safety-stop"));
        Assert.True(export.Events.Single(e => e.Kind == "alarm-acknowledged").AtS > export.Events.Single(e => e.Kind == "safety-stop").AtS + 2.9);
    }

    [Fact]
    public void The_alarm_is_recorded_latched_at_the_trip_and_cleared_at_the_acknowledgement()
    {
        var (export, _) = Recorded.Value;
        Assert.NotEmpty(export.Alarms);
        var ack = export.Events.Single(e => e.Kind == "alarm-acknowledged");
        foreach (var alarm in export.Alarms)
        {
            Assert.InRange(alarm.RaisedAtS, 199, 202);
            Assert.InRange(alarm.ClearedAtS!.Value, ack.AtS - 0.02, ack.AtS + 0.02);
            Assert.Equal("high", alarm.Priority);
        }
    }

    [Fact]
    public void Samples_are_at_10_Hz_from_the_start_to_two_seconds_after_the_end_with_every_channel()
    {
        var (export, report) = Recorded.Value;
        var samples = export.Samples;
        var t = samples.Rows.Select(r => r[0]).ToArray();
        Assert.InRange(t[0], 0, 0.1);
        Assert.InRange(t[^1], report.DurationS + 1.8, report.DurationS + 2.1);
        Assert.All(t.Zip(t.Skip(1)), p => Assert.Equal(0.1, p.Second - p.First, 3));
        Assert.Equal(
            ["t", "pad1.measuredC", "pad1.safetyC", "pad1.drive", "pad2.measuredC", "pad2.safetyC", "pad2.drive",
             "vib1.frequencyHz", "vib1.amplitude", "vib2.frequencyHz", "vib2.amplitude", "pressure1.forceN", "pressure2.forceN", "safe"],
            samples.Columns);

        // The thermal step's hold at 38 °C is in pad1's samples; outputs are safe after the safety stop.
        var pad1 = samples.Column("pad1.measuredC");
        Assert.Contains(samples.Rows, r => Math.Abs(r[pad1] - 38) < 0.3);
        var safe = samples.Column("safe");
        Assert.All(samples.Rows.Where(r => r[0] > report.DurationS + 0.05), r => Assert.Equal(1, r[safe]));
        Assert.Contains(samples.Rows, r => r[safe] == 0);
    }
}
