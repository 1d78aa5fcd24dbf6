using System.Globalization;
using System.Text.Json;
using AmpsDevice.Bench.Fleet;
using AmpsDevice.Dashboard.Devices;
using AmpsDevice.FirmwareHost.Telemetry;
using AmpsDevice.Protocol.Messages;
using AmpsDevice.Protocol.Profiles;

namespace AmpsDevice.Bench.History;

/// <summary>
/// A clinic's year of sessions, made by the fleet tool's session model (<see cref="FleetSession"/>, the every-channel
/// profile of about 30 minutes) and handed to the historian as the MQTT receive path would hand it over. Each device
/// runs two sessions every working day (at 09:00 and 14:00); each of the two daily slots of a device belongs to one
/// patient for an eight-week plan (40 working days, the plan level rising by one each week), then to the next patient.
/// A session comes in one of two forms: <em>full</em>, everything the device publishes (status, telemetry at the
/// default cadence, session state on every change and once a second while running, events), or <em>thin</em>, the
/// same session without its telemetry and without the once-a-second running states (its state changes, every event,
/// every pain rating), so that a year's sessions, events and ratings are all there in minutes while the bulk, whose
/// size per session the full ones measure, is extrapolated.
/// </summary>
public sealed class ClinicYear
{
    public const int SessionsPerDay = 2;
    public const int PlanWeeks = 8;
    public const int DaysPerWeek = 5;

    private static readonly TimeSpan[] SlotStarts = [TimeSpan.FromHours(9), TimeSpan.FromHours(14)];

    private readonly StimulusProfile[] _levels;
    private readonly MqttOptions _mqtt = new();

    public ClinicYear(int devices, int days, DateTimeOffset firstMonday)
    {
        Devices = devices;
        Days = days;
        FirstMonday = firstMonday;
        var profile = FleetCommand.LoadProfile();
        _levels = [.. Enumerable.Range(1, PlanWeeks).Select(level => profile with { Name = string.Create(CultureInfo.InvariantCulture, $"Every channel (plan level {level})") })];
        SessionHours = profile.NominalDurationS() / 3600;
    }

    public int Devices { get; }

    public int Days { get; }

    public DateTimeOffset FirstMonday { get; }

    public int Sessions => Devices * Days * SessionsPerDay;

    /// <summary>The profile's nominal duration, in hours: what one session adds to the clinic's session hours.</summary>
    public double SessionHours { get; }

    /// <summary>Days of one patient's plan.</summary>
    public static int PlanDays => PlanWeeks * DaysPerWeek;

    public static string DeviceId(int device) => string.Create(CultureInfo.InvariantCulture, $"clinic-{device + 1:00}");

    /// <summary>The patient of a device's slot on a day: the slot's n-th patient, one every eight weeks.</summary>
    public static string PatientId(int device, int slot, int day) =>
        string.Create(CultureInfo.InvariantCulture, $"p-{device + 1:00}{(char)('a' + slot)}{(day / PlanDays) + 1:00}");

    /// <summary>Every patient that completed a whole plan (their page shows eight weeks).</summary>
    public IEnumerable<string> PatientsWithWholePlans() =>
        from device in Enumerable.Range(0, Devices)
        from slot in Enumerable.Range(0, SessionsPerDay)
        from n in Enumerable.Range(0, Days / PlanDays)
        select PatientId(device, slot, n * PlanDays);

    /// <summary>Day <paramref name="day"/> (0-based working day) at midnight UTC: weekends skipped.</summary>
    public DateTimeOffset Date(int day) => FirstMonday.AddDays((day / DaysPerWeek * 7) + (day % DaysPerWeek));

    /// <summary>What one device publishes on one day, both sessions, thin or full, in the order it publishes it.</summary>
    public List<DeviceMessage> Day(int device, int day, bool full)
    {
        var messages = new List<DeviceMessage>();
        for (var slot = 0; slot < SessionsPerDay; slot++)
        {
            var start = Date(day) + SlotStarts[slot];
            var profile = _levels[Math.Min(PlanWeeks - 1, day % PlanDays / DaysPerWeek)];
            var seed = (((day * Devices) + device) * SessionsPerDay) + slot;
            using var fleetDevice = new FleetDevice(DeviceId(device), profile, _mqtt, seed, PatientId(device, slot, day));
            var published = new List<FleetMessage>(fleetDevice.Connected(start));
            if (full)
            {
                Full(fleetDevice, start, published);
            }
            else
            {
                Thin(fleetDevice, start, published);
            }

            HistoryTraffic.Decode(published, start, messages);
        }

        return messages;
    }

    /// <summary>Every sample at the device's cadence until the session completed: everything the device publishes.</summary>
    private void Full(FleetDevice device, DateTimeOffset start, List<FleetMessage> published)
    {
        for (var i = 1; device.Session.State != SessionState.Completed; i++)
        {
            var loopS = i * _mqtt.SamplePeriodS;
            device.Sample(loopS, start.AddSeconds(loopS), published);
        }
    }

    /// <summary>The session's model a second at a time: its state changes and events, no telemetry, no once-a-second states.</summary>
    private static void Thin(FleetDevice device, DateTimeOffset start, List<FleetMessage> published)
    {
        var topics = device.Identity.Topics;
        var events = new List<DeviceEvent>();
        for (var s = 1; device.Session.State != SessionState.Completed; s++)
        {
            var now = start.AddSeconds(s);
            events.Clear();
            var changed = device.Session.Advance(s, now, events);
            published.AddRange(events.Select(e => new FleetMessage(topics.Events, JsonSerializer.SerializeToUtf8Bytes(e, ProtocolJsonContext.Default.DeviceEvent), false)));
            if (changed)
            {
                published.Add(new FleetMessage(topics.Session, JsonSerializer.SerializeToUtf8Bytes(device.Session.Snapshot(now), ProtocolJsonContext.Default.SessionStateMessage), true));
            }
        }
    }
}
