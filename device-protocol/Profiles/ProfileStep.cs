using System.Text.Json.Serialization;
using AmpsDevice.Protocol.Envelope;

namespace AmpsDevice.Protocol.Profiles;

/// <summary>The kinds of step a profile may hold; the JSON <c>kind</c> is the lower-case name.</summary>
public enum StepKind
{
    Thermal,
    Vibration,
    Pressure,
    Rest,
    Breathing,
    Parallel,
}

/// <summary>
/// One step of a <see cref="StimulusProfile"/>. Steps are immutable records; a step obtained from
/// <see cref="ProfileParser"/> lies inside the envelope it was checked against.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(ThermalStep), "thermal")]
[JsonDerivedType(typeof(VibrationStep), "vibration")]
[JsonDerivedType(typeof(PressureStep), "pressure")]
[JsonDerivedType(typeof(RestStep), "rest")]
[JsonDerivedType(typeof(BreathingStep), "breathing")]
[JsonDerivedType(typeof(ParallelStep), "parallel")]
public abstract record ProfileStep
{
    /// <summary>Optional short text for the therapist's screen and the session record (at most
    /// <see cref="StimulusProfile.MaxLabelLength"/> characters).</summary>
    [JsonPropertyOrder(1)]
    public string? Label { get; init; }

    /// <summary>The step's kind (the JSON <c>kind</c>).</summary>
    [JsonIgnore]
    public abstract StepKind Kind { get; }

    /// <summary>The JSON name of <see cref="Kind"/>: <c>thermal</c>, <c>vibration</c>, ...</summary>
    [JsonIgnore]
    public string KindName => KindNameOf(Kind);

    /// <summary>
    /// How long the step takes when everything goes as planned, s. <paramref name="padStartC"/> gives
    /// the temperature each pad starts at (a pad it does not name starts at neutral, 32 °C).
    /// </summary>
    public abstract double NominalDurationS(IReadOnlyDictionary<string, double>? padStartC = null);

    /// <summary>
    /// The longest the step can take, s: the nominal duration, except that a pressure step may wait up
    /// to its <see cref="PressureStep.TimeoutS"/> for the force to reach its band.
    /// </summary>
    public virtual double MaximumDurationS(IReadOnlyDictionary<string, double>? padStartC = null) => NominalDurationS(padStartC);

    /// <summary>The device channels (pads, vibration and pressure channels) the step drives.</summary>
    public abstract IEnumerable<string> Channels();

    /// <summary>The JSON name of a step kind.</summary>
    public static string KindNameOf(StepKind kind) => kind switch
    {
        StepKind.Thermal => "thermal",
        StepKind.Vibration => "vibration",
        StepKind.Pressure => "pressure",
        StepKind.Rest => "rest",
        StepKind.Breathing => "breathing",
        StepKind.Parallel => "parallel",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a step kind"),
    };

    /// <summary>Temperature a pad starts at: its entry in <paramref name="padStartC"/>, else neutral.</summary>
    protected static double StartOf(string pad, IReadOnlyDictionary<string, double>? padStartC) =>
        padStartC is not null && padStartC.TryGetValue(pad, out var c) ? c : AbsoluteLimits.NeutralC;
}
