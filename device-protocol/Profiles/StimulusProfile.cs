using System.Text.Json.Serialization;

namespace AmpsDevice.Protocol.Profiles;

/// <summary>
/// A therapist's graded-exposure stimulus profile (schema <c>amps.profile/1</c>, see docs/profiles.md).
/// Obtain one from <see cref="ProfileParser"/>, which refuses anything outside the device's envelope;
/// a profile built in code is checked with <see cref="ProfileValidator.Validate"/>.
/// </summary>
/// <param name="Name">Name shown to the therapist (1..<see cref="MaxNameLength"/> characters).</param>
/// <param name="PainStopAt">A pain rating at or above this (1..10) pauses the session.</param>
/// <param name="Steps">The steps, run one after the other (at least one).</param>
public sealed record StimulusProfile(
    [property: JsonPropertyOrder(1)] string Name,
    [property: JsonPropertyOrder(3)] int PainStopAt,
    [property: JsonPropertyOrder(4)] IReadOnlyList<ProfileStep> Steps)
{
    /// <summary>The only schema this version reads and writes.</summary>
    public const string SchemaId = "amps.profile/1";

    /// <summary>Longest <see cref="Name"/>, characters.</summary>
    public const int MaxNameLength = 200;

    /// <summary>Longest <see cref="Description"/>, characters.</summary>
    public const int MaxDescriptionLength = 2000;

    /// <summary>Longest step label, characters.</summary>
    public const int MaxLabelLength = 200;

    /// <summary>Most steps a profile (or one parallel step) may hold: a sanity bound, far above any real profile.</summary>
    public const int MaxSteps = 500;

    /// <summary>The schema identifier, always <see cref="SchemaId"/>.</summary>
    [JsonPropertyOrder(0)]
    public string Schema { get; init; } = SchemaId;

    /// <summary>Optional free text for the therapist (aims, notes).</summary>
    [JsonPropertyOrder(2)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Description { get; init; }

    /// <summary>Start times and durations of the steps, pads tracked from step to step.</summary>
    public ProfileTimeline Timeline() => ProfileTimeline.Of(this);

    /// <summary>Total duration when everything goes as planned, s (including the final return of pads to neutral).</summary>
    public double NominalDurationS() => Timeline().NominalDurationS;

    /// <summary>Longest possible duration, s (every pressure step waiting its full timeout).</summary>
    public double MaximumDurationS() => Timeline().MaximumDurationS;

    /// <summary>The strongest stimuli the profile asks for.</summary>
    public ProfilePeaks Peaks() => ProfilePeaks.Of(this);

    /// <summary>Every step, with the steps inside parallel steps after their parallel step (depth first).</summary>
    public IEnumerable<ProfileStep> AllSteps()
    {
        foreach (var step in Steps)
        {
            yield return step;
            if (step is ParallelStep parallel)
            {
                foreach (var inner in parallel.Steps)
                {
                    yield return inner;
                }
            }
        }
    }
}
