namespace AmpsDevice.FirmwareHost.Safety;

/// <summary>How urgently a person must respond (IEC 60601-1-8 alarm priorities).</summary>
public enum AlarmPriority
{
    Low,
    Medium,
    High,
}

/// <summary>What a trip means for the session and for the records.</summary>
public enum TripKind
{
    /// <summary>A device fault or a limit breach: outputs safe, alarm latched, session ends in safety-stop.</summary>
    Fault,

    /// <summary>A person stopped the device (E-stop, patient stop button): outputs safe, session stopped.</summary>
    PersonStop,

    /// <summary>The patient's body responded (limb withdrawal): stimulus off at once, session paused, recorded as a response.</summary>
    PatientResponse,
}

/// <summary>
/// One safety concern, with its own limits and message (Klipper's verify_heater shape). A rule is
/// evaluated every control tick, before any output is written; it keeps its own per-channel state
/// in arrays sized at construction and allocates only when it trips.
/// </summary>
public abstract class SafetyRule
{
    protected SafetyRule(string name, AlarmPriority priority, TripKind kind = TripKind.Fault, bool latches = true)
    {
        Name = name;
        Priority = priority;
        Kind = kind;
        Latches = latches;
    }

    /// <summary>Stable id used in alarms, reports and telemetry, e.g. <c>pad-over-temperature</c>.</summary>
    public string Name { get; }

    public AlarmPriority Priority { get; }

    public TripKind Kind { get; }

    /// <summary>Whether a trip stays until a person acknowledges it.</summary>
    public bool Latches { get; }

    /// <summary>Looks at this tick's evidence; calls <see cref="SafetyContext.Trip"/> for each breach.</summary>
    public abstract void Evaluate(SafetyContext context);

    /// <summary>Forgets accumulated evidence (timers, windows) after the alarms were acknowledged.</summary>
    public virtual void Reset()
    {
    }
}
