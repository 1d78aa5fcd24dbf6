using System.Globalization;
using System.Text.Json;
using AmpsDevice.Protocol.Envelope;
using AmpsDevice.Protocol.Messages;
using AmpsDevice.Protocol.Profiles;
using static AmpsDevice.Protocol.Profiles.Say;

namespace AmpsDevice.Protocol.Plans;

/// <summary>
/// Walks a parsed JSON document into a <see cref="TherapyPlan"/>: every shape and range error, the
/// starting profile's own errors (under <c>profile.</c>), and then every level's generated profile
/// against the envelope: a plan any of whose levels would break a limit is refused, never clipped.
/// </summary>
internal sealed class PlanReader
{
    private static readonly string[] TopFields =
        ["schema", "patientId", "name", "description", "profile", "profileId", "ceiling", "startLevel", "minLevel", "maxLevel", "sessionsPerDay", "weeks", "progression"];

    private static readonly string[] CeilingFields = ["heatC", "coldC", "amplitude", "forceN"];

    private static readonly string[] ProgressionFields = ["upAfterSessions", "upMaxPain", "downAtPain", "downOnStop", "downOnWithdrawal"];

    private readonly ProfileEnvelope _envelope;
    private readonly ProfileLookup? _profiles;
    private readonly ErrorSink _errors = new();

    private PlanReader(ProfileEnvelope envelope, ProfileLookup? profiles)
    {
        _envelope = envelope;
        _profiles = profiles;
    }

    public static ValidationResult<TherapyPlan> Read(JsonElement root, ProfileEnvelope envelope, ProfileLookup? profiles)
    {
        var reader = new PlanReader(envelope, profiles);
        var plan = reader.ReadPlan(root);
        return new ValidationResult<TherapyPlan>(plan, reader._errors.ToList());
    }

    private TherapyPlan? ReadPlan(JsonElement root)
    {
        var f = JsonFields.Of(root, "$", "a plan", TopFields, _errors);
        if (f is null)
        {
            return null;
        }

        var schema = f.Text("schema", required: true);
        if (schema is not null && schema != TherapyPlan.SchemaId)
        {
            _errors.Add("schema", $"{Quote(schema)} is not a plan schema this device reads; expected \"{TherapyPlan.SchemaId}\"");
        }

        var patientId = f.Text("patientId", required: true);
        if (patientId is not null && !PatientIds.IsPseudonymous(patientId))
        {
            _errors.Add("patientId", $"{Quote(patientId)} is not {PatientIds.Rule}");
        }

        var name = f.Text("name", required: true);
        if (name is not null && (string.IsNullOrWhiteSpace(name) || name.Length > StimulusProfile.MaxNameLength))
        {
            _errors.Add("name", string.IsNullOrWhiteSpace(name)
                ? "must not be empty: the therapist picks the plan by its name"
                : $"is {name.Length} characters long; at most {StimulusProfile.MaxNameLength}");
        }

        var description = f.Text("description", required: false);
        if (description is not null && description.Length > StimulusProfile.MaxDescriptionLength)
        {
            _errors.Add("description", $"is {description.Length} characters long; at most {StimulusProfile.MaxDescriptionLength}");
        }

        var (profile, profileId) = ReadProfile(f);
        var ceiling = ReadCeiling(f);
        const string levelMeaning = "levels are whole numbers from 1 (the starting profile) to maxLevel (the ceiling)";
        var maxLevel = f.Integer("maxLevel", required: true, 1, TherapyPlan.MaxLevels, levelMeaning);
        var minLevel = f.Integer("minLevel", required: false, 1, TherapyPlan.MaxLevels, levelMeaning, fallback: 1);
        var startLevel = f.Integer("startLevel", required: false, 1, TherapyPlan.MaxLevels, levelMeaning, fallback: minLevel);
        if (maxLevel is { } max && minLevel is { } min && startLevel is { } start)
        {
            if (min > max)
            {
                _errors.Add("minLevel", string.Create(CultureInfo.InvariantCulture, $"{min} is above maxLevel {max}"));
            }
            else if (start < min || start > max)
            {
                _errors.Add("startLevel", string.Create(CultureInfo.InvariantCulture, $"{start} is outside minLevel..maxLevel ({min}..{max})"));
            }
        }

        var perDay = f.Integer("sessionsPerDay", required: false, 1, TherapyPlan.MaxSessionsPerDay, "sessions a day", fallback: 1);
        var weeks = f.Integer("weeks", required: false, 1, TherapyPlan.MaxWeeks, "programs run daily for up to eight weeks", fallback: TherapyPlan.MaxWeeks);
        var rules = ReadProgression(f);

        if (maxLevel is > 1 && ceiling is { IsEmpty: true })
        {
            _errors.Add("ceiling", "gives no value, so every level would be the same; give at least one of heatC, coldC, amplitude, forceN (or set maxLevel to 1)");
        }

        if (profile is not null && ceiling is not null && maxLevel is { } top)
        {
            var before = _errors.Count;
            CheckCeilingAgainstProfile(profile, ceiling);
            if (_errors.Count == before)
            {
                CheckEveryLevel(profile, ceiling, top); // independent of the other fields, so reported with them
            }
        }

        if (_errors.Count > 0 || schema is null || patientId is null || name is null || profile is null || ceiling is null
            || maxLevel is null || minLevel is null || startLevel is null || perDay is null || weeks is null || rules is null)
        {
            return null;
        }

        return new TherapyPlan(patientId, name, profile, ceiling, startLevel.Value, minLevel.Value, maxLevel.Value, perDay.Value, weeks.Value, rules)
        {
            ProfileId = profileId,
            Description = description,
        };
    }

    private (StimulusProfile? Profile, string? ProfileId) ReadProfile(JsonFields f)
    {
        var hasInline = f.TryGet("profile", out var inline);
        var id = f.Has("profileId") ? f.Text("profileId", required: true) : null;
        if (hasInline == f.Has("profileId"))
        {
            _errors.Add("profile", "give exactly one of profile (an amps.profile/1 object, level 1 of the plan) and profileId (a profile stored on the device)");
            return (null, null);
        }

        if (hasInline)
        {
            var result = ProfileReader.Read(inline, _envelope);
            foreach (var error in result.Errors)
            {
                _errors.Add(error.Path == "$" ? "profile" : error.Path.StartsWith('$') ? "profile" + error.Path[1..] : "profile." + error.Path, error.Message);
            }

            return (result.Value, null);
        }

        if (id is null)
        {
            return (null, null);
        }

        if (_profiles is null)
        {
            _errors.Add("profileId", $"{Quote(id)} names a profile stored on the device; give the device's data folder (--data) so it can be found, or put the profile inline");
            return (null, null);
        }

        var (profile, error2) = _profiles(id);
        if (profile is null)
        {
            _errors.Add("profileId", error2 ?? $"no profile {Quote(id)} is stored on this device");
        }

        return (profile, id);
    }

    private LevelCeiling? ReadCeiling(JsonFields f)
    {
        if (!f.TryGet("ceiling", out var element))
        {
            _errors.Add("ceiling", "missing required field: what the top level reaches (heatC, coldC, amplitude, forceN)");
            return null;
        }

        var c = JsonFields.Of(element, "ceiling", "a ceiling", CeilingFields, _errors);
        if (c is null)
        {
            return null;
        }

        var heat = c.Number("heatC", required: false);
        var cold = c.Number("coldC", required: false);
        var amplitude = c.Number("amplitude", required: false);
        var force = c.Number("forceN", required: false);
        if (heat is { } h && h <= AbsoluteLimits.NeutralC)
        {
            _errors.Add("ceiling.heatC", $"{N(h)} °C is not warm; the heat ceiling is above neutral ({N(AbsoluteLimits.NeutralC)} °C)");
        }

        if (cold is { } k && k >= AbsoluteLimits.NeutralC)
        {
            _errors.Add("ceiling.coldC", $"{N(k)} °C is not cool; the cold ceiling is below neutral ({N(AbsoluteLimits.NeutralC)} °C)");
        }

        if (amplitude is { } a && (a <= 0 || a > 1))
        {
            _errors.Add("ceiling.amplitude", $"{N(a)} is outside 0..1 (a fraction of the channel's calibrated maximum)");
        }

        if (force is { } n && n <= 0)
        {
            _errors.Add("ceiling.forceN", $"{N(n)} N is not a force to press toward; it must be above 0");
        }

        return (c.Has("heatC") && heat is null) || (c.Has("coldC") && cold is null) || (c.Has("amplitude") && amplitude is null) || (c.Has("forceN") && force is null)
            ? null
            : new LevelCeiling(heat, cold, amplitude, force);
    }

    private ProgressionRules? ReadProgression(JsonFields f)
    {
        if (!f.TryGet("progression", out var element))
        {
            return ProgressionRules.Default;
        }

        var p = JsonFields.Of(element, "progression", "progression rules", ProgressionFields, _errors);
        if (p is null)
        {
            return null;
        }

        var d = ProgressionRules.Default;
        var pain = $"pain is rated 0-{AbsoluteLimits.PainScaleMax} in whole steps";
        var up = p.Integer("upAfterSessions", required: false, 1, ProgressionRules.MaxUpAfterSessions, "good sessions in a row that step the level up", d.UpAfterSessions);
        var upPain = p.Integer("upMaxPain", required: false, 0, AbsoluteLimits.PainScaleMax, pain, d.UpMaxPain);
        var downPain = p.Integer("downAtPain", required: false, 1, AbsoluteLimits.PainScaleMax, pain, d.DownAtPain);
        var onStop = p.Bool("downOnStop", d.DownOnStop);
        var onWithdrawal = p.Bool("downOnWithdrawal", d.DownOnWithdrawal);
        if (upPain is { } u && downPain is { } dn && dn <= u)
        {
            _errors.Add("progression.downAtPain", string.Create(CultureInfo.InvariantCulture,
                $"{dn} is not above upMaxPain {u}: one session could count both as good and as a reason to step down"));
            return null;
        }

        return up is null || upPain is null || downPain is null || onStop is null || onWithdrawal is null
            ? null
            : new ProgressionRules(up.Value, upPain.Value, downPain.Value, onStop.Value, onWithdrawal.Value);
    }

    private void CheckCeilingAgainstProfile(StimulusProfile profile, LevelCeiling ceiling)
    {
        var peaks = PlanLevels.Peaks.Of(profile);
        Check("heatC", ceiling.HeatC, peaks.HeatDeviationC is { } h ? AbsoluteLimits.NeutralC + h : null, "warm thermal step", "warmest", "°C", higher: true);
        Check("coldC", ceiling.ColdC, peaks.ColdDeviationC is { } c ? AbsoluteLimits.NeutralC - c : null, "cool thermal step", "coolest", "°C", higher: false);
        Check("amplitude", ceiling.Amplitude, peaks.Amplitude, "vibration step", "strongest", "", higher: true);
        Check("forceN", ceiling.ForceN, peaks.ForceN, "pressure step", "firmest", "N", higher: true);

        void Check(string field, double? top, double? start, string kind, string most, string unit, bool higher)
        {
            if (top is not { } t)
            {
                return;
            }

            var u = unit.Length == 0 ? "" : " " + unit;
            if (start is not { } s)
            {
                _errors.Add($"ceiling.{field}", $"the profile has no {kind} for this ceiling to scale; leave {field} out");
            }
            else if (higher ? t < s : t > s)
            {
                _errors.Add($"ceiling.{field}", $"{N(t)}{u} is {(higher ? "below" : "above")} the profile's {most} step ({N(s)}{u}); the ceiling is what the top level reaches, at least the starting profile's");
            }
        }
    }

    /// <summary>Generates every level's profile and checks it; reports the lowest level that breaks the envelope, with each of its errors.</summary>
    private void CheckEveryLevel(StimulusProfile profile, LevelCeiling ceiling, int maxLevel)
    {
        for (var level = 1; level <= maxLevel; level++)
        {
            var errors = ProfileValidator.Validate(PlanLevels.ProfileAt(profile, ceiling, level, maxLevel), _envelope);
            if (errors.Count == 0)
            {
                continue;
            }

            foreach (var error in errors)
            {
                _errors.Add("ceiling", string.Create(CultureInfo.InvariantCulture,
                    $"level {level} would break the device envelope at {error.Path}: {error.Message}; lower the ceiling"));
            }

            return;
        }
    }
}
