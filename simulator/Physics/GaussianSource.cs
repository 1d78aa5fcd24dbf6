namespace AmpsDevice.Simulator.Physics;

/// <summary>
/// Standard normal deviates from a given <see cref="Random"/> (Box-Muller, polar form, the spare value
/// kept), so that every bit of noise in the simulator comes from the seeded generator it was handed.
/// </summary>
public sealed class GaussianSource
{
    private readonly Random _rng;
    private double _spare;
    private bool _hasSpare;

    public GaussianSource(Random rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        _rng = rng;
    }

    /// <summary>The generator the deviates come from.</summary>
    public Random Random => _rng;

    /// <summary>Next N(0, 1) deviate.</summary>
    public double Next()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spare;
        }

        double u, v, s;
        do
        {
            u = 2.0 * _rng.NextDouble() - 1.0;
            v = 2.0 * _rng.NextDouble() - 1.0;
            s = u * u + v * v;
        }
        while (s >= 1.0 || s == 0.0);

        double factor = Math.Sqrt(-2.0 * Math.Log(s) / s);
        _spare = v * factor;
        _hasSpare = true;
        return u * factor;
    }
}
