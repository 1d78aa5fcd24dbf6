using System.Text.Json.Serialization;
using AmpsDevice.Dashboard.Profiles;
using AmpsDevice.Protocol.Messages;

namespace AmpsDevice.Dashboard.Devices;

/// <summary>Online, offline (its Last Will or a clean shutdown), stale (online but telemetry silent), or not yet known.</summary>
public enum Connectivity
{
    [JsonStringEnumMemberName("unknown")]
    Unknown,
    [JsonStringEnumMemberName("online")]
    Online,
    [JsonStringEnumMemberName("stale")]
    Stale,
    [JsonStringEnumMemberName("offline")]
    Offline,
}

/// <summary>The most urgent active alarm, for the clinic view.</summary>
public sealed record AlarmHeadline(AlarmPriority Priority, string Message, string Rule, int Count);

/// <summary>One row of the clinic view.</summary>
/// <param name="DeviceId">As the topic level says; shown as text, never markup.</param>
/// <param name="IdValid">The id is a valid device id (commands and a console page exist only for those).</param>
public sealed record DeviceSummary(
    string DeviceId,
    bool IdValid,
    Connectivity Connectivity,
    HardwareMode? HardwareMode,
    string? Version,
    SessionState? SessionState,
    string? PatientId,
    string? ProfileName,
    int? StepIndex,
    int? StepCount,
    double? TimeLeftS,
    AlarmHeadline? Alarm,
    int? LastPainRating,
    DateTimeOffset? LastPainAt);

/// <summary>One telemetry sample placed in wall-clock time (ms since the Unix epoch, device clock).</summary>
public sealed record TimedSample(double AtMs, TelemetrySample Sample);

/// <summary>Everything the console page starts from; updates follow on its live stream.</summary>
public sealed record DeviceDetail(
    DeviceSummary Summary,
    StatusMessage? Status,
    SessionStateMessage? Session,
    TimelineView? Timeline,
    AlarmsMessage? Alarms,
    IReadOnlyList<DeviceEvent> Events,
    IReadOnlyList<TimedSample> Samples);

/// <summary>What the clinic view's live stream starts with.</summary>
public sealed record ClinicSnapshot(bool Connected, IReadOnlyList<DeviceSummary> Devices);

/// <summary>What a console's live stream starts with (no detail for a device not yet heard from).</summary>
public sealed record ConsoleSnapshot(bool Connected, DeviceDetail? Detail);

/// <summary>The dashboard's own connection to the broker came or went.</summary>
public sealed record BrokerUpdate(bool Connected);

/// <summary>New samples of one device, placed in time.</summary>
public sealed record TelemetryUpdate(string DeviceId, IReadOnlyList<TimedSample> Samples, bool Late);

/// <summary>A device's session state with the timeline of its profile.</summary>
public sealed record SessionUpdate(SessionStateMessage Session, TimelineView? Timeline);
