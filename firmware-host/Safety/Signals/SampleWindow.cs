namespace AmpsDevice.FirmwareHost.Safety.Signals;

/// <summary>
/// The last few seconds of one signal, sampled once per tick, in a preallocated ring. Gives the
/// least-squares slope (rate of change that sensor noise cannot fake the way a two-point difference
/// can) and the window's maximum. No allocation after construction.
/// The slope comes from running sums kept as samples enter and leave, so it costs the same for any span
/// (summing the whole window every tick was half of a tick's time, docs/performance.md). Times in the sums are
/// taken from a reference that moves up with the window, and the sums are recomputed exactly once per ring's
/// worth of samples, so rounding cannot accumulate over a long session. The maximum comes from a monotonic
/// queue (the ring slots of the samples that are larger than every later one), so it too costs the same for any
/// span; the queue holds slots rather than sequence numbers, so no sample costs a division. A window keeps only
/// the <see cref="WindowStatistics"/> it is asked for: the runaway and mismatch rules read slopes, the withdrawal
/// rule a maximum, and each statistic kept costs every sample of every tick.
/// </summary>
public sealed class SampleWindow
{
    private readonly double[] _t;
    private readonly double[] _v;
    private readonly double _spanS;
    private readonly bool _keepsSlope;
    private readonly bool _keepsMax;
    private int _head;
    private int _count;
    private double _t0;
    private double _st, _sv, _stt, _stv;
    private int _sinceRebase;

    // Ring slots of the samples that may still be the maximum: oldest first, values falling (ties kept, so
    // the front is the oldest of equal maxima, as a scan would find). NaN never enters. Every slot queued
    // holds a sample still in the window, so the oldest sample is queued exactly when its slot is the front.
    private readonly int[] _maxQueue;
    private int _maxHead;
    private int _maxCount;

    /// <param name="spanS">How much history the window covers, s.</param>
    /// <param name="tickPeriodS">The sampling period, s (sizes the ring).</param>
    /// <param name="statistics">What the window will be asked for.</param>
    public SampleWindow(double spanS, double tickPeriodS, WindowStatistics statistics = WindowStatistics.SlopeAndMax)
    {
        _spanS = spanS;
        _keepsSlope = statistics.HasFlag(WindowStatistics.Slope);
        _keepsMax = statistics.HasFlag(WindowStatistics.Max);
        var capacity = (int)Math.Ceiling(spanS / tickPeriodS) + 2;
        _t = new double[capacity];
        _v = new double[capacity];
        _maxQueue = new int[capacity];
    }

    public int Count => _count;

    /// <summary>Time covered by the samples held, s.</summary>
    public double CoveredS => _count < 2 ? 0 : _t[Index(_count - 1)] - _t[Index(0)];

    public void Add(double timeS, double value)
    {
        if (_count == _t.Length)
        {
            DropOldest();
        }

        var slot = _head;
        _t[slot] = timeS;
        _v[slot] = value;
        _head = slot + 1 == _t.Length ? 0 : slot + 1;
        _count++;
        if (_keepsMax)
        {
            EnqueueForMax(slot, value);
        }

        if (_keepsSlope)
        {
            Accumulate(timeS, value, +1);
        }

        // Drop what has fallen out of the span.
        while (_count > 2 && timeS - _t[Index(0)] > _spanS)
        {
            DropOldest();
        }

        if (_keepsSlope && (++_sinceRebase >= _t.Length || !double.IsFinite(_sv)))
        {
            Rebase();
        }
    }

    public void Clear()
    {
        _count = 0;
        _head = 0;
        _maxCount = 0;
        Rebase();
    }

    /// <summary>Least-squares slope over the window, units per second; 0 with fewer than 3 samples.</summary>
    /// <exception cref="InvalidOperationException">The window was not made to keep the slope.</exception>
    public double Slope()
    {
        if (!_keepsSlope)
        {
            throw new InvalidOperationException("This window does not keep the slope.");
        }

        if (_count < 3)
        {
            return 0;
        }

        // Σ(t−t̄)(v−v̄) = Σtv − ΣtΣv/n and Σ(t−t̄)² = Σt² − (Σt)²/n, t taken from _t0.
        var n = (double)_count;
        var num = _stv - (_st * _sv / n);
        var den = _stt - (_st * _st / n);
        return den > 0 ? num / den : 0;
    }

    /// <summary>The largest value in the window; NaN when empty.</summary>
    /// <exception cref="InvalidOperationException">The window was not made to keep the maximum.</exception>
    public double Max() => !_keepsMax
        ? throw new InvalidOperationException("This window does not keep the maximum.")
        : _maxCount == 0 ? double.NaN : _v[_maxQueue[_maxHead]];

    private void DropOldest()
    {
        var i = Index(0);
        if (_maxCount > 0 && _maxQueue[_maxHead] == i)
        {
            _maxHead = _maxHead + 1 == _maxQueue.Length ? 0 : _maxHead + 1;
            _maxCount--;
        }

        _count--;
        if (_keepsSlope)
        {
            Accumulate(_t[i], _v[i], -1);
        }
    }

    /// <summary>Queues the sample just stored in <paramref name="slot"/> for the maximum.</summary>
    private void EnqueueForMax(int slot, double value)
    {
        if (double.IsNaN(value))
        {
            return;
        }

        // Samples smaller than this one can never be the maximum again: it outlives them.
        while (_maxCount > 0 && _v[_maxQueue[QueueIndex(_maxCount - 1)]] < value)
        {
            _maxCount--;
        }

        _maxQueue[QueueIndex(_maxCount)] = slot;
        _maxCount++;
    }

    /// <summary>Index in the queue's ring of its k-th entry from the front (k ≤ capacity: one wrap at most, no division).</summary>
    private int QueueIndex(int k)
    {
        var i = _maxHead + k;
        return i >= _maxQueue.Length ? i - _maxQueue.Length : i;
    }

    private void Accumulate(double timeS, double value, int sign)
    {
        var t = timeS - _t0;
        _st += sign * t;
        _sv += sign * value;
        _stt += sign * t * t;
        _stv += sign * t * value;
    }

    /// <summary>Recomputes the sums exactly from the samples held, against the oldest one's time.</summary>
    private void Rebase()
    {
        _sinceRebase = 0;
        _t0 = _count == 0 ? 0 : _t[Index(0)];
        _st = _sv = _stt = _stv = 0;
        for (var k = 0; k < _count; k++)
        {
            var i = Index(k);
            Accumulate(_t[i], _v[i], +1);
        }
    }

    /// <summary>Index of the k-th oldest sample (0 ≤ k &lt; count ≤ capacity, so one wrap at most: no division).</summary>
    private int Index(int k)
    {
        var i = _head - _count + k;
        return i < 0 ? i + _t.Length : i;
    }
}
