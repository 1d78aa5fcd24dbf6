namespace AmpsDevice.FirmwareHost.Safety.Signals;

/// <summary>
/// The last few seconds of one signal, sampled once per tick, in a preallocated ring. Gives the
/// least-squares slope (rate of change that sensor noise cannot fake the way a two-point difference
/// can) and the window's maximum. No allocation after construction.
/// </summary>
public sealed class SampleWindow
{
    private readonly double[] _t;
    private readonly double[] _v;
    private readonly double _spanS;
    private int _head;
    private int _count;

    /// <param name="spanS">How much history the window covers, s.</param>
    /// <param name="tickPeriodS">The sampling period, s (sizes the ring).</param>
    public SampleWindow(double spanS, double tickPeriodS)
    {
        _spanS = spanS;
        var capacity = (int)Math.Ceiling(spanS / tickPeriodS) + 2;
        _t = new double[capacity];
        _v = new double[capacity];
    }

    public int Count => _count;

    /// <summary>Time covered by the samples held, s.</summary>
    public double CoveredS => _count < 2 ? 0 : _t[Index(_count - 1)] - _t[Index(0)];

    public void Add(double timeS, double value)
    {
        _t[_head] = timeS;
        _v[_head] = value;
        _head = (_head + 1) % _t.Length;
        if (_count < _t.Length)
        {
            _count++;
        }

        // Drop what has fallen out of the span.
        while (_count > 2 && timeS - _t[Index(0)] > _spanS)
        {
            _count--;
        }
    }

    public void Clear()
    {
        _count = 0;
        _head = 0;
    }

    /// <summary>Least-squares slope over the window, units per second; 0 with fewer than 3 samples.</summary>
    public double Slope()
    {
        if (_count < 3)
        {
            return 0;
        }

        double st = 0, sv = 0;
        for (var k = 0; k < _count; k++)
        {
            var i = Index(k);
            st += _t[i];
            sv += _v[i];
        }

        var mt = st / _count;
        var mv = sv / _count;
        double num = 0, den = 0;
        for (var k = 0; k < _count; k++)
        {
            var i = Index(k);
            var dt = _t[i] - mt;
            num += dt * (_v[i] - mv);
            den += dt * dt;
        }

        return den > 0 ? num / den : 0;
    }

    /// <summary>The largest value in the window; NaN when empty.</summary>
    public double Max()
    {
        var max = double.NaN;
        for (var k = 0; k < _count; k++)
        {
            var v = _v[Index(k)];
            if (double.IsNaN(max) || v > max)
            {
                max = v;
            }
        }

        return max;
    }

    /// <summary>The oldest value in the window; NaN when empty.</summary>
    public double Oldest() => _count == 0 ? double.NaN : _v[Index(0)];

    /// <summary>Index of the k-th oldest sample.</summary>
    private int Index(int k) => ((_head - _count + k) % _t.Length + _t.Length) % _t.Length;
}
