namespace AmpsDevice.FirmwareHost.Safety.Signals;

/// <summary>
/// One timer per channel of how long a condition has held without a break (the "for more than N s"
/// part of a rule). Preallocated; no allocation per update.
/// </summary>
public sealed class PersistenceTimers
{
    private readonly double[] _since;

    public PersistenceTimers(int channels)
    {
        _since = new double[channels];
        Reset();
    }

    /// <summary>Feeds this tick's condition; returns how long it has held so far, s (0 on its first tick and while it does not hold).</summary>
    public double Update(int channel, bool condition, double nowS)
    {
        if (!condition)
        {
            _since[channel] = double.NaN;
            return 0;
        }

        if (double.IsNaN(_since[channel]))
        {
            _since[channel] = nowS;
        }

        return nowS - _since[channel];
    }

    /// <summary>Starts the channel's timer again (after a trip).</summary>
    public void Restart(int channel) => _since[channel] = double.NaN;

    public void Reset() => Array.Fill(_since, double.NaN);
}
