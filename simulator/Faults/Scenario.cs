using AmpsDevice.Protocol.Profiles;

namespace AmpsDevice.Simulator.Faults;

/// <summary>Who or what an event comes from: the JSON property that names its kind.</summary>
public enum ScenarioCategory
{
    /// <summary><c>"fault"</c>: something breaks in the hardware.</summary>
    Fault,

    /// <summary><c>"patient"</c>: the patient acts (some of it the hardware sees, rate-pain it does not).</summary>
    Patient,

    /// <summary><c>"therapist"</c>: a session command.</summary>
    Therapist,
}

/// <summary>One scripted event. <see cref="Path"/> is where it sits in the file (<c>events[3]</c>).</summary>
/// <param name="At">Seconds from the session's start.</param>
/// <param name="Category">fault, patient or therapist.</param>
/// <param name="Kind">The kind, e.g. <c>heater-stuck-on</c>, <c>withdraw</c>, <c>pause</c>.</param>
/// <param name="Target">A channel or sensor (<c>pad1</c>, <c>pad1.safety</c>, <c>pressure2</c>, <c>i2c-3</c>), when the kind takes one.</param>
/// <param name="Value">The kind's value (°C, N, ms, a 0-10 rating), when it takes one.</param>
/// <param name="DurationS">How long it lasts, s, for kinds that end by themselves (null: until the session ends).</param>
/// <param name="Path">JSON path of the event.</param>
public sealed record ScenarioEvent(double At, ScenarioCategory Category, string Kind, string? Target, double? Value, double? DurationS, string Path)
{
    /// <summary>The event acts on the simulated hardware (everything but rate-pain and therapist commands).</summary>
    public bool IsHardware => Category == ScenarioCategory.Fault || (Category == ScenarioCategory.Patient && Kind != "rate-pain");
}

/// <summary>A scenario file could not be used; the message starts with the JSON path of the problem.</summary>
public sealed class ScenarioException : Exception
{
    public ScenarioException() { }

    public ScenarioException(string message) : base(message) { }

    public ScenarioException(string message, Exception innerException) : base(message, innerException) { }
}

/// <summary>
/// A scenario file (docs/simulate.md): <c>{"events": [{"at": s, "fault"|"patient"|"therapist": kind,
/// "target": ..., "value": ..., "duration": s}]}</c>, strict JSON read as profiles and plans are
/// (<see cref="StrictJson"/>, <see cref="ScenarioReader"/>). Parsing checks every event against the device's
/// channels; the first problem is a <see cref="ScenarioException"/> naming its JSON path, for example
/// <c>events[3].target: 'pad9' is not a channel of this device</c>. Events are kept in time order
/// (file order among equal times).
/// </summary>
public sealed class Scenario
{
    internal Scenario(IReadOnlyList<ScenarioEvent> events) => Events = events;

    public IReadOnlyList<ScenarioEvent> Events { get; }

    /// <summary>No events.</summary>
    public static Scenario Empty { get; } = new([]);

    /// <summary>The largest scenario file: a session's worth of events is a few kB; a stream that never ends (a device
    /// such as /dev/zero given by mistake) is refused at this size instead of filling the memory.</summary>
    public static DocumentKind Document { get; } = new("scenario", 1 << 20, CommentsAllowed: true);

    /// <summary>Reads and parses a scenario file; an unreadable or oversized file is a <see cref="ScenarioException"/> too.</summary>
    public static Scenario Load(string path, SimulatedDeviceLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var (bytes, unreadable) = DocumentFile.Read(path, Document);
        if (unreadable is not null)
        {
            throw new ScenarioException($"{unreadable.Path}: cannot read the scenario: {unreadable.Message}");
        }

        return Parse(bytes, layout);
    }

    /// <summary>Parses a scenario file's bytes (UTF-8, an optional byte order mark) against the device's channels.</summary>
    public static Scenario Parse(ReadOnlyMemory<byte> utf8Json, SimulatedDeviceLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        return Valid(StrictJson.Read(utf8Json, Document, root => ScenarioReader.Read(root, layout)));
    }

    /// <summary>Parses scenario JSON text against the device's channels.</summary>
    public static Scenario Parse(string json, SimulatedDeviceLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        return Valid(StrictJson.Read(json, Document, root => ScenarioReader.Read(root, layout)));
    }

    private static Scenario Valid(ValidationResult<Scenario> result) =>
        result.Value ?? throw new ScenarioException(result.Errors[0].ToString());
}
