using System.Diagnostics;

namespace AmpsDevice.FirmwareHost.Control;

/// <summary>A preallocated ring of tick lateness samples (timestamp units).</summary>
public sealed class TickLatenessRecorder(int capacity)
{
    private readonly long[] _samples = new long[capacity];
    private long _count;

    public void Record(long lateness)
    {
        _samples[_count % _samples.Length] = lateness;
        _count++;
    }

    /// <summary>A copy of the samples held, oldest order not preserved.</summary>
    public long[] Snapshot() => _samples.AsSpan(0, (int)Math.Min(_count, _samples.Length)).ToArray();

    public long Count => _count;

    /// <summary>Converts timestamp units to milliseconds.</summary>
    public static double ToMs(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
