using System.Text.Json.Serialization;

namespace AmpsDevice.Protocol.Messages;

/// <summary><c>status.state</c>.</summary>
public enum DeviceState
{
    [JsonStringEnumMemberName("online")] Online,
    [JsonStringEnumMemberName("offline")] Offline,
}

/// <summary><c>status.hardwareMode</c>: the simulator or the real GPIO/I2C devices behind the hardware boundary.</summary>
public enum HardwareMode
{
    [JsonStringEnumMemberName("simulated")] Simulated,
    [JsonStringEnumMemberName("hardware")] Hardware,
}

/// <summary><c>session.state</c>: the session state machine as the dashboard sees it.</summary>
public enum SessionState
{
    [JsonStringEnumMemberName("idle")] Idle,
    [JsonStringEnumMemberName("ready")] Ready,
    [JsonStringEnumMemberName("running")] Running,
    [JsonStringEnumMemberName("paused")] Paused,
    [JsonStringEnumMemberName("completed")] Completed,
    [JsonStringEnumMemberName("stopped")] Stopped,
    [JsonStringEnumMemberName("safety-stop")] SafetyStop,
}

/// <summary><c>events.kind</c>. New kinds may be added within schema version 1; a subscriber ignores kinds it does not know.</summary>
public enum EventKind
{
    [JsonStringEnumMemberName("session-ready")] SessionReady,
    [JsonStringEnumMemberName("session-started")] SessionStarted,
    [JsonStringEnumMemberName("session-paused")] SessionPaused,
    [JsonStringEnumMemberName("session-resumed")] SessionResumed,
    [JsonStringEnumMemberName("session-completed")] SessionCompleted,
    [JsonStringEnumMemberName("session-stopped")] SessionStopped,
    [JsonStringEnumMemberName("safety-stop")] SafetyStop,
    [JsonStringEnumMemberName("step-started")] StepStarted,
    [JsonStringEnumMemberName("step-ended")] StepEnded,
    [JsonStringEnumMemberName("pain-rating")] PainRating,
    [JsonStringEnumMemberName("patient-stop")] PatientStop,
    [JsonStringEnumMemberName("withdrawal")] Withdrawal,
    [JsonStringEnumMemberName("safety-trip")] SafetyTrip,
    [JsonStringEnumMemberName("alarm-acknowledged")] AlarmAcknowledged,
    [JsonStringEnumMemberName("estop")] EStop,
    [JsonStringEnumMemberName("command-refused")] CommandRefused,
    [JsonStringEnumMemberName("outbox-overflow")] OutboxOverflow,
}

/// <summary>Alarm priority (IEC 60601-1-8 style: high needs an immediate response).</summary>
public enum AlarmPriority
{
    [JsonStringEnumMemberName("high")] High,
    [JsonStringEnumMemberName("medium")] Medium,
    [JsonStringEnumMemberName("low")] Low,
}
