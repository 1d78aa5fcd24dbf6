using AmpsDevice.Bench.History;
using AmpsDevice.Dashboard.Devices;
using AmpsDevice.Dashboard.History;
using AmpsDevice.FirmwareHost.Telemetry;
using AmpsDevice.Protocol.Messages;

namespace AmpsDevice.Bench.Tests;

/// <summary>
/// The clinic year the history figures write: working days only, two sessions a device a day, each slot one patient
/// for an eight-week plan whose level rises weekly; a full day carries the telemetry at the device's default cadence,
/// a thin one the same sessions' events and state changes without it. And the ingest load follows the default cadence.
/// </summary>
public sealed class ClinicYearTests
{
    private static readonly DateTimeOffset Monday = new(2025, 1, 6, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Sessions_fall_on_working_days_and_each_slot_keeps_its_patient_for_an_eight_week_plan()
    {
        var year = new ClinicYear(devices: 2, days: 250, Monday);

        Assert.Equal(1000, year.Sessions);
        Assert.Equal(Monday.AddDays(7), year.Date(5));
        Assert.All(Enumerable.Range(0, 250), d => Assert.True(year.Date(d).DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)));
        Assert.Equal(ClinicYear.PatientId(0, 0, 0), ClinicYear.PatientId(0, 0, 39));
        Assert.NotEqual(ClinicYear.PatientId(0, 0, 39), ClinicYear.PatientId(0, 0, 40));
        Assert.NotEqual(ClinicYear.PatientId(0, 0, 0), ClinicYear.PatientId(0, 1, 0));
        Assert.All(year.PatientsWithWholePlans(), p => Assert.True(PatientIds.IsPseudonymous(p), p));
        Assert.Equal(2 * 2 * 6, year.PatientsWithWholePlans().Count());
    }

    [Fact]
    public void A_thin_day_has_both_sessions_with_their_ratings_and_plan_level_but_no_telemetry()
    {
        var year = new ClinicYear(devices: 1, days: 40, Monday);

        var day = year.Day(0, 12, full: false);

        Assert.DoesNotContain(day, m => m.Kind == TopicKind.Telemetry);
        var sessions = day.Select(m => m.Payload).OfType<SessionStateMessage>().Where(s => s.SessionId is not null).ToList();
        Assert.Equal(2, sessions.Select(s => s.SessionId).Distinct().Count());
        Assert.All(sessions, s => Assert.Equal(3, PlanLevel.FromProfileName(s.ProfileName)));
        Assert.Equal([ClinicYear.PatientId(0, 0, 12), ClinicYear.PatientId(0, 1, 12)], sessions.Select(s => s.PatientId).Distinct());
        Assert.Equal(2, sessions.Count(s => s.State == SessionState.Completed));
        var events = day.Select(m => m.Payload).OfType<DeviceEvent>().ToList();
        Assert.True(events.Count(e => e.Kind == EventKind.PainRating) >= 20, "a pain rating every 40-80 s of two 30-minute sessions");
        Assert.All(day, m => Assert.Equal(year.Date(12).Date, m.ReceivedAt.Date));
    }

    [Fact]
    public void A_full_session_carries_telemetry_at_the_default_cadence_for_its_whole_length()
    {
        var mqtt = new MqttOptions();
        var year = new ClinicYear(devices: 1, days: 1, Monday);

        var day = year.Day(0, 0, full: true);

        var telemetry = day.Select(m => m.Payload).OfType<TelemetryBatch>().ToList();
        var expected = 2 * year.SessionHours * 3600 * mqtt.TelemetryRateHz / mqtt.BatchSize;
        Assert.InRange(telemetry.Count, expected, expected * 1.05);
        Assert.All(telemetry, b => Assert.Equal(mqtt.BatchSize, b.Samples.Count));
    }

    [Fact]
    public void The_ingest_load_follows_the_devices_default_telemetry_cadence()
    {
        var mqtt = new MqttOptions();

        var traffic = HistoryTraffic.Fleet(devices: 5, TimeSpan.FromSeconds(60), Monday);

        var telemetryPerS = traffic.Count(m => m.Kind == TopicKind.Telemetry) / 60.0;
        Assert.Equal(5 * mqtt.TelemetryRateHz / mqtt.BatchSize, telemetryPerS, 0.5);
        Assert.Contains(traffic, m => m.Kind == TopicKind.Session);
        Assert.Contains(traffic, m => m.Kind == TopicKind.Status);
        Assert.DoesNotContain(traffic, m => m.Kind == TopicKind.Alarms);
    }
}
