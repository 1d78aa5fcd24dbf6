using AmpsDevice.Protocol.Messages;

namespace AmpsDevice.Dashboard.Devices;

/// <summary>
/// A device's newest samples, kept for the console's first paint, as rows of numbers under a channel layout shared by
/// the rows that have it. A decoded <see cref="TelemetrySample"/> is about a dozen objects (its lists, one record and
/// one name string per channel); a row is one array of doubles, about a fifth of the memory, which is what lets one
/// dashboard hold two minutes of 50 devices (docs/performance.md, 50 devices into one dashboard).
/// Values survive exactly: a row stores the doubles as decoded, and a missing reading (null) as NaN, which JSON cannot
/// carry, so no reading is ever turned into another.
/// </summary>
public sealed class RecentSamples(int capacity)
{
    private const int PadWidth = 4;
    private const int VibrationWidth = 2;
    private const int PressureWidth = 1;

    /// <summary>Leading values of every row: the sample's <c>t</c> and its <c>safe</c> flag.</summary>
    private const int HeadWidth = 2;

    private readonly Row[] _rows = new Row[capacity];
    private int _oldest;
    private Layout? _layout;

    public int Count { get; private set; }

    public void Add(double atMs, TelemetrySample sample)
    {
        if (_layout is null || !_layout.Fits(sample))
        {
            _layout = Layout.Of(sample);
        }

        var row = new Row(atMs, _layout, _layout.Encode(sample));
        if (Count < _rows.Length)
        {
            _rows[(_oldest + Count) % _rows.Length] = row;
            Count++;
        }
        else
        {
            _rows[_oldest] = row;
            _oldest = (_oldest + 1) % _rows.Length;
        }
    }

    /// <summary>The samples, oldest first, as the console's first paint sends them.</summary>
    public IReadOnlyList<TimedSample> ToList()
    {
        var list = new List<TimedSample>(Count);
        for (var i = 0; i < Count; i++)
        {
            var row = _rows[(_oldest + i) % _rows.Length];
            list.Add(new TimedSample(row.AtMs, row.Layout.Decode(row.Values)));
        }

        return list;
    }

    private readonly record struct Row(double AtMs, Layout Layout, double[] Values);

    /// <summary>The channels' names in device order; rows of samples with the same channels share one.</summary>
    private sealed class Layout(string[] pads, string[] vibration, string[] pressure)
    {
        private readonly int _width = HeadWidth + (pads.Length * PadWidth) + (vibration.Length * VibrationWidth) + (pressure.Length * PressureWidth);

        public static Layout Of(TelemetrySample s) =>
            new([.. s.Pads.Select(p => p.Name)], [.. s.Vib.Select(v => v.Name)], [.. s.Pressure.Select(p => p.Name)]);

        public bool Fits(TelemetrySample s) =>
            Same(pads, s.Pads, p => p.Name) && Same(vibration, s.Vib, v => v.Name) && Same(pressure, s.Pressure, p => p.Name);

        public double[] Encode(TelemetrySample s)
        {
            var values = new double[_width];
            var i = 0;
            values[i++] = s.T;
            values[i++] = s.Safe ? 1 : 0;
            foreach (var p in s.Pads)
            {
                values[i++] = p.MeasuredC ?? double.NaN;
                values[i++] = p.SafetyC ?? double.NaN;
                values[i++] = p.Drive;
                values[i++] = p.TargetC ?? double.NaN;
            }

            foreach (var v in s.Vib)
            {
                values[i++] = v.FrequencyHz;
                values[i++] = v.Amplitude;
            }

            foreach (var p in s.Pressure)
            {
                values[i++] = p.ForceN ?? double.NaN;
            }

            return values;
        }

        public TelemetrySample Decode(double[] values)
        {
            var i = HeadWidth;
            var padSamples = new PadSample[pads.Length];
            for (var c = 0; c < pads.Length; c++, i += PadWidth)
            {
                padSamples[c] = new PadSample(pads[c], Nullable(values[i]), Nullable(values[i + 1]), values[i + 2], Nullable(values[i + 3]));
            }

            var vibrationSamples = new VibrationSample[vibration.Length];
            for (var c = 0; c < vibration.Length; c++, i += VibrationWidth)
            {
                vibrationSamples[c] = new VibrationSample(vibration[c], values[i], values[i + 1]);
            }

            var pressureSamples = new PressureSample[pressure.Length];
            for (var c = 0; c < pressure.Length; c++, i += PressureWidth)
            {
                pressureSamples[c] = new PressureSample(pressure[c], Nullable(values[i]));
            }

            return new TelemetrySample(values[0], padSamples, vibrationSamples, pressureSamples, values[1] != 0);
        }

        private static double? Nullable(double value) => double.IsNaN(value) ? null : value;

        private static bool Same<T>(string[] names, IReadOnlyList<T> channels, Func<T, string> name)
        {
            if (names.Length != channels.Count)
            {
                return false;
            }

            for (var i = 0; i < names.Length; i++)
            {
                if (!string.Equals(names[i], name(channels[i]), StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
