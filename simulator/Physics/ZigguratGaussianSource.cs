namespace AmpsDevice.Simulator.Physics;

/// <summary>
/// Standard normal deviates from a given <see cref="Random"/> by the ziggurat method (Marsaglia and Tsang 2000, in
/// Doornik's 2005 form: 128 layers, the layer and the position drawn independently). Almost every deviate costs one
/// draw of the generator and a table lookup, against two to three draws and a logarithm a pair for
/// <see cref="GaussianSource"/>: the limbs take two deviates a tick each. The same seed gives the same deviates; they
/// are not the ones <see cref="GaussianSource"/> gives. The virtual patient keeps that one: its documented courses are
/// that sample path, and it draws a handful of deviates a session.
/// </summary>
public sealed class ZigguratGaussianSource
{
    private const int Layers = 128;

    /// <summary>Where the base layer's tail begins: the x of the lowest rectangle's edge.</summary>
    private const double TailStart = 3.442619855899;

    /// <summary>The area of each layer (the tail included in the lowest).</summary>
    private const double LayerArea = 9.91256303526217e-3;

    // One draw of Random.Next() (31 bits) gives the layer (its low 7 bits) and the position in it (the other 24).
    private const int LayerMask = Layers - 1;
    private const int LayerBits = 7;
    private const double PositionScale = 1.0 / (1 << 23);

    /// <summary>Right edge of each layer; [0] is the base layer's width as if the tail were a rectangle, [128] is 0.</summary>
    private static readonly double[] Edge = LayerEdges();

    /// <summary>Edge[i + 1] / Edge[i]: a position below this lies inside the layer's rectangle, under the curve.</summary>
    private static readonly double[] Inside = InsideRatios(Edge);

    private readonly Random _rng;

    public ZigguratGaussianSource(Random rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        _rng = rng;
    }

    /// <summary>Next N(0, 1) deviate.</summary>
    public double Next()
    {
        while (true)
        {
            int bits = _rng.Next();
            int layer = bits & LayerMask;

            // In (-1, 1), symmetric: 2^24 positions at their centres.
            double u = (((bits >> LayerBits) + 0.5) * PositionScale) - 1.0;
            if (Math.Abs(u) < Inside[layer])
            {
                return u * Edge[layer];
            }

            if (layer == 0)
            {
                return Tail(u < 0.0);
            }

            // The wedge between the rectangle and the curve: accept x under the curve.
            double x = u * Edge[layer];
            double above = Math.Exp(-0.5 * ((Edge[layer] * Edge[layer]) - (x * x)));
            double below = Math.Exp(-0.5 * ((Edge[layer + 1] * Edge[layer + 1]) - (x * x)));
            if (below + (_rng.NextDouble() * (above - below)) < 1.0)
            {
                return x;
            }
        }
    }

    /// <summary>A deviate beyond <see cref="TailStart"/> (Marsaglia 1964).</summary>
    private double Tail(bool negative)
    {
        double x, y;
        do
        {
            x = Math.Log(1.0 - _rng.NextDouble()) / TailStart;
            y = Math.Log(1.0 - _rng.NextDouble());
        }
        while (-2.0 * y < x * x);

        return negative ? x - TailStart : TailStart - x;
    }

    private static double[] LayerEdges()
    {
        var edge = new double[Layers + 1];
        double f = Math.Exp(-0.5 * TailStart * TailStart);
        edge[0] = LayerArea / f;
        edge[1] = TailStart;
        for (int i = 2; i < Layers; i++)
        {
            edge[i] = Math.Sqrt(-2.0 * Math.Log((LayerArea / edge[i - 1]) + f));
            f = Math.Exp(-0.5 * edge[i] * edge[i]);
        }

        edge[Layers] = 0.0;
        return edge;
    }

    private static double[] InsideRatios(double[] edge)
    {
        var inside = new double[Layers];
        for (int i = 0; i < Layers; i++)
        {
            inside[i] = edge[i + 1] / edge[i];
        }

        return inside;
    }
}
