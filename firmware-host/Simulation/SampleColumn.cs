namespace AmpsDevice.FirmwareHost.Simulation;

/// <summary>
/// One number column of the sample file: its <see cref="DecimalPattern"/>, and the text of the last value it
/// formatted. Most columns hold the same value for many ticks (a sensor converts more slowly than the loop ticks, a
/// saturated drive stays at 1, a tactor holds its frequency), and copying the text costs a fraction of formatting it.
/// </summary>
internal sealed class SampleColumn(DecimalPattern pattern)
{
    private readonly char[] _text = new char[32];
    private long _lastBits;
    private int _length = -1;   // nothing remembered

    public bool TryFormat(double value, Span<char> destination, out int written)
    {
        var bits = BitConverter.DoubleToInt64Bits(value);   // the same bits: the same text, NaN and −0 included
        if (_length >= 0 && bits == _lastBits)
        {
            written = _length;
            return _text.AsSpan(0, _length).TryCopyTo(destination);
        }

        if (!pattern.TryFormat(value, destination, out written))
        {
            return false;
        }

        if (written <= _text.Length)
        {
            destination[..written].CopyTo(_text);
            _lastBits = bits;
            _length = written;
        }
        else
        {
            _length = -1;
        }

        return true;
    }
}
