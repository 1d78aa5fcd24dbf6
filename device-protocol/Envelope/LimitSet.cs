using System.Globalization;

namespace AmpsDevice.Protocol.Envelope;

/// <summary>
/// The value in force of every <see cref="SafetyLimit"/>: <see cref="Absolute"/> holds the compiled-in values,
/// and <see cref="Tighten"/> is the only way to get another set, so no set is ever looser than the absolute one.
/// Immutable; reading a limit allocates nothing.
/// </summary>
public sealed class LimitSet
{
    /// <summary>A target must stay strictly inside its trip: the controller needs room to overshoot without tripping.</summary>
    private static readonly (SafetyLimit Target, SafetyLimit Trip)[] TargetsInsideTrips =
    [
        (AbsoluteLimits.PadMaxTargetC, AbsoluteLimits.PadMaxTripC),
        (AbsoluteLimits.PadMinTargetC, AbsoluteLimits.PadMinTripC),
        (AbsoluteLimits.PressureMaxTargetN, AbsoluteLimits.PressureMaxTripN),
    ];

    /// <summary>A range's minimum must not be above its maximum, or no value could pass.</summary>
    private static readonly (SafetyLimit Min, SafetyLimit Max)[] Ranges =
    [
        (AbsoluteLimits.PadMinTargetC, AbsoluteLimits.PadMaxTargetC),
        (AbsoluteLimits.MinRampCPerS, AbsoluteLimits.MaxRampCPerS),
        (AbsoluteLimits.VibrationMinHz, AbsoluteLimits.VibrationMaxHz),
    ];

    private readonly Dictionary<SafetyLimit, double> _values;

    private LimitSet(Dictionary<SafetyLimit, double> values) => _values = values;

    /// <summary>Every limit at its compiled-in value.</summary>
    public static LimitSet Absolute { get; } = new(AbsoluteLimits.All.ToDictionary<SafetyLimit, SafetyLimit, double>(l => l, l => l.Value, ReferenceEqualityComparer.Instance));

    /// <summary>The value in force of <paramref name="limit"/>.</summary>
    public double this[SafetyLimit limit] => _values[limit];

    /// <summary>
    /// Every reason the <paramref name="configured"/> values cannot tighten this set, one line each, each naming
    /// its key after <paramref name="keyPrefix"/> (e.g. <c>Safety:</c>); empty when they all can.
    /// </summary>
    public IReadOnlyList<string> Problems(IEnumerable<(SafetyLimit Limit, double? Value)> configured, string keyPrefix = "")
    {
        ArgumentNullException.ThrowIfNull(configured);
        var errors = new List<string>();
        var values = new Dictionary<SafetyLimit, double>(_values, ReferenceEqualityComparer.Instance);
        foreach (var (limit, value) in configured)
        {
            if (value is not { } v)
            {
                continue;
            }

            if (limit.Refusal(v, _values[limit]) is { } why)
            {
                errors.Add($"{keyPrefix}{limit.Key}: {why}");
            }
            else
            {
                values[limit] = v;
            }
        }

        foreach (var (target, trip) in TargetsInsideTrips)
        {
            // A maximum trip (lower is safer) needs its target below it; a minimum trip, above it.
            var below = trip.Safer == SaferDirection.Lower;
            if (below ? values[target] >= values[trip] : values[target] <= values[trip])
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{keyPrefix}{target.Key}: {values[target]} must stay {(below ? "below" : "above")} the trip {trip.Key} ({values[trip]} {trip.Unit})"));
            }
        }

        foreach (var (min, max) in Ranges)
        {
            if (values[min] > values[max])
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"{keyPrefix}{min.Key} ({values[min]}) is above {max.Key} ({values[max]}): no value could pass."));
            }
        }

        return errors;
    }

    /// <summary>A copy with the <paramref name="configured"/> limits tightened; limits not configured keep their value.</summary>
    /// <exception cref="ArgumentException">A value would loosen its limit, is not usable, or leaves a minimum above its maximum; the message names every key.</exception>
    public LimitSet Tighten(IEnumerable<(SafetyLimit Limit, double? Value)> configured, string keyPrefix = "")
    {
        var pairs = configured.ToList();
        var errors = Problems(pairs, keyPrefix);
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, errors), pairs.FirstOrDefault(p => p.Value is not null).Limit?.Key);
        }

        var values = new Dictionary<SafetyLimit, double>(_values, ReferenceEqualityComparer.Instance);
        foreach (var (limit, value) in pairs)
        {
            if (value is { } v)
            {
                values[limit] = v;
            }
        }

        return new LimitSet(values);
    }
}
