using System.Globalization;

namespace AmpsDevice.Bench.Support;

/// <summary>
/// The machine's one-minute load average (/proc/loadavg) sampled every 5 s while a figure is measured, so the
/// table can say how busy the machine was for each figure. Sampling starts at construction and ends on dispose.
/// </summary>
public sealed class LoadAverage : IDisposable
{
    private readonly List<double> _samples = [];
    private readonly Timer _timer;
    private readonly Lock _gate = new();

    public LoadAverage()
    {
        Sample();
        _timer = new Timer(_ => Sample(), null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
    }

    /// <summary>The lowest and highest one-minute load average seen so far, as "4.1–9.8" (one value when they agree).</summary>
    public string Range()
    {
        Sample();
        lock (_gate)
        {
            if (_samples.Count == 0)
            {
                return "not known (no /proc/loadavg)";
            }

            var low = _samples.Min().ToString("0.0", CultureInfo.InvariantCulture);
            var high = _samples.Max().ToString("0.0", CultureInfo.InvariantCulture);
            return low == high ? low : $"{low}–{high}";
        }
    }

    public void Dispose() => _timer.Dispose();

    public static double? Current()
    {
        const string Path = "/proc/loadavg";
        if (!File.Exists(Path))
        {
            return null;
        }

        var first = File.ReadAllText(Path).Split(' ', 2)[0];
        return double.Parse(first, CultureInfo.InvariantCulture);
    }

    private void Sample()
    {
        if (Current() is { } load)
        {
            lock (_gate)
            {
                _samples.Add(load);
            }
        }
    }
}
