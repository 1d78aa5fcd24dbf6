using System.Text.Json.Serialization;

namespace AmpsDevice.FirmwareHost.Simulation;

/// <summary>The report of one simulated session (docs/simulate.md, <c>simulate --report</c>).</summary>
public sealed record SimulationReport(
    string Outcome,
    double DurationS,
    IReadOnlyDictionary<string, ChannelReport> Channels,
    IReadOnlyList<SafetyEventReport> SafetyEvents,
    IReadOnlyList<PainRatingReport> PainRatings,
    IReadOnlyList<StepReport> Steps)
{
    /// <summary>The seed the run was made with.</summary>
    public int Seed { get; init; }

    /// <summary>The profile's name.</summary>
    public string? Profile { get; init; }

    /// <summary>Why the session ended (the rule, the command, or the last step).</summary>
    public string? Reason { get; init; }

    /// <summary>The session's events in order (lifecycle, patient responses, acknowledgements).</summary>
    public IReadOnlyList<EventReport> Events { get; init; } = [];

    /// <summary>Profile errors when the outcome is <c>rejected</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Errors { get; init; }
}

/// <summary>Extremes of one channel over the session. Pads carry temperatures; vibration and pressure channels their peaks.</summary>
public sealed record ChannelReport
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double? MeasuredMaxC { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double? MeasuredMinC { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double? PhysicalMaxC { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double? PhysicalMinC { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double? SafetySensorMaxC { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double? AmplitudeMax { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double? PhysicalAmplitudeMax { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double? ForceMaxN { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double? PhysicalForceMaxN { get; init; }
}

/// <summary>A safety trip: detection (the tick that held the evidence) to safe outputs.</summary>
public sealed record SafetyEventReport(string Rule, string Target, double DetectedAtS, double SafeAtS, double LatencyMs)
{
    /// <summary>When the scenario injected the fault that (most recently) preceded the trip, if any.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? FaultInjectedAtS { get; init; }

    public string? Message { get; init; }
}

public sealed record PainRatingReport(double AtS, int Value);

public sealed record StepReport(int Index, double StartedAtS, double EndedAtS, string Result)
{
    public string? Kind { get; init; }
}

public sealed record EventReport(double AtS, string Kind, string? Target, string? Message);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(SimulationReport))]
internal sealed partial class SimulationReportJsonContext : JsonSerializerContext;
