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

    // The limits in AbsoluteLimits.All's order and their values in force. The safety rules read several limits every
    // control tick; a reference scan of a few entries costs less than a dictionary's hash and comparer calls, which the
    // natively compiled executable cannot inline (docs/performance.md, simulation speed).
    private readonly SafetyLimit[] _limits;
    private readonly double[] _values;

    private LimitSet(Dictionary<SafetyLimit, double> values)
    {
        _limits = [.. values.Keys];
        _values = [.. _limits.Select(l => values[l])];
    }

    /// <summary>Every limit at its compiled-in value.</summary>
    public static LimitSet Absolute { get; } = new(AbsoluteLimits.All.ToDictionary<SafetyLimit, SafetyLimit, double>(l => l, l => l.Value, ReferenceEqualityComparer.Instance));

    /// <summary>The value in force of <paramref name="limit"/>.</summary>
    /// <exception cref="KeyNotFoundException"><paramref name="limit"/> is not one of <see cref="AbsoluteLimits.All"/>.</exception>
    public double this[SafetyLimit limit]
    {
        get
        {
            var limits = _limits;
            for (var i = 0; i < limits.Length; i++)
            {
                if (ReferenceEquals(limits[i], limit))
                {
                    return _values[i];
                }
            }

            throw new KeyNotFoundException($"{limit.Key} is not a limit of the device.");
        }
    }

    /// <summary>The values in force, keyed by limit, for checking or making a tightened copy.</summary>
    private Dictionary<SafetyLimit, double> ToDictionary()
    {
        var values = new Dictionary<SafetyLimit, double>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < _limits.Length; i++)
        {
            values.Add(_limits[i], _values[i]);
        }

        return values;
    }

    /// <summary>
    /// Every reason the <paramref name="configured"/> values cannot tighten this set, one line each, each naming
    /// its key after <paramref name="keyPrefix"/> (e.g. <c>Safety:</c>); empty when they all can.
    /// </summary>
    public IReadOnlyList<string> Problems(IEnumerable<(SafetyLimit Limit, double? Value)> configured, string keyPrefix = "")
    {
        ArgumentNullException.ThrowIfNull(configured);
        var errors = new List<string>();
        var values = ToDictionary();
        foreach (var (limit, value) in configured)
        {
            if (value is not { } v)
            {
                continue;
            }

            if (limit.Refusal(v, this[limit]) is { } why)
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

        var values = ToDictionary();
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
