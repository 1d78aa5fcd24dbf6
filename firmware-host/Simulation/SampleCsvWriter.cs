using System.Globalization;
using System.Text;
using AmpsDevice.FirmwareHost.Control;
using AmpsDevice.FirmwareHost.Hardware;

namespace AmpsDevice.FirmwareHost.Simulation;

/// <summary>
/// <c>simulate --samples</c>: one CSV row per control tick, columns as docs/simulate.md fixes them: <c>t</c>
/// (seconds from the session's start, the clock of the scenario's <c>at</c> and of the report), then per pad
/// <c>padN.measuredC,padN.safetyC,padN.physicalC,padN.drive</c>, per vibration channel
/// <c>vibN.frequencyHz,vibN.amplitude</c>, per pressure channel <c>pressureN.forceN</c>, then <c>safe</c>.
/// A sensor without a valid reading (before its first conversion, or lost) is an empty cell: its last
/// value is not a reading, and a 0 would look like one.
/// </summary>
public sealed class SampleCsvWriter : ITickObserver, IDisposable
{
    private static readonly DecimalPattern ThreeDecimals = DecimalPattern.Of("0.###");   // t, °C, N
    private static readonly DecimalPattern FourDecimals = DecimalPattern.Of("0.####");   // drive, amplitude
    private static readonly DecimalPattern OneDecimal = DecimalPattern.Of("0.#");        // Hz

    private readonly TextWriter _writer;
    private readonly IPhysicalTruth _truth;
    private readonly Func<double> _sessionStartS;
    private readonly List<(double TimeS, string Row)> _beforeStart = [];
    private readonly SampleColumn _time = new(ThreeDecimals);
    private SampleColumn[] _columns = [];
    private char[] _row = new char[256];   // one row's text, written with one call: the writer's per-call cost was a tenth of a row
    private int _length;
    private bool _headerWritten;
    private double _lastTimeS;

    /// <param name="writer">Where the CSV goes.</param>
    /// <param name="truth">The simulator's physical truth (the <c>physicalC</c> column).</param>
    /// <param name="sessionStartS">The loop time at which the session started, NaN before. Rows before it
    /// (the warm-up) are held back until it is known and then written with negative <c>t</c>.</param>
    public SampleCsvWriter(TextWriter writer, IPhysicalTruth truth, Func<double> sessionStartS)
    {
        _writer = writer;
        _truth = truth;
        _sessionStartS = sessionStartS;
    }

    public static string Header(DeviceShape shape)
    {
        var sb = new StringBuilder("t");
        foreach (var p in shape.Pads)
        {
            sb.Append(CultureInfo.InvariantCulture, $",{p}.measuredC,{p}.safetyC,{p}.physicalC,{p}.drive");
        }

        foreach (var v in shape.Vibration)
        {
            sb.Append(CultureInfo.InvariantCulture, $",{v}.frequencyHz,{v}.amplitude");
        }

        foreach (var f in shape.Pressure)
        {
            sb.Append(CultureInfo.InvariantCulture, $",{f}.forceN");
        }

        return sb.Append(",safe").ToString();
    }

    public void OnTick(in TickView tick)
    {
        if (!_headerWritten)
        {
            _writer.WriteLine(Header(tick.Shape));
            _columns = Columns(tick.Shape);
            _headerWritten = true;
        }

        _lastTimeS = tick.TimeS;
        var start = _sessionStartS();
        _length = 0;
        if (double.IsNaN(start))
        {
            // The session has not started: its clock has no zero yet. Keep the row without its t.
            AppendColumns(tick);
            _beforeStart.Add((tick.TimeS, new string(_row, 0, _length)));
            return;
        }

        FlushBeforeStart(start);
        Append(tick.TimeS - start, _time);
        AppendColumns(tick);
        _writer.Write(_row, 0, _length);
    }

    /// <summary>The number columns after <c>t</c>, in the header's order.</summary>
    private static SampleColumn[] Columns(DeviceShape shape)
    {
        DecimalPattern[] patterns =
        [
            .. shape.Pads.SelectMany(_ => new[] { ThreeDecimals, ThreeDecimals, ThreeDecimals, FourDecimals }),
            .. shape.Vibration.SelectMany(_ => new[] { OneDecimal, FourDecimals }),
            .. shape.Pressure.Select(_ => ThreeDecimals),
        ];
        return [.. patterns.Select(pattern => new SampleColumn(pattern))];
    }

    private void AppendColumns(in TickView tick)
    {
        var s = tick.Sensors;
        var o = tick.Outputs;
        var c = 0;
        for (var i = 0; i < s.Pads.Length; i++)
        {
            Reading(s.Pads[i].ControlC, _columns[c++]);
            Reading(s.Pads[i].SafetyC, _columns[c++]);
            Comma(_truth.PadSurfaceC(i), _columns[c++]);
            Comma(o.MasterEnable && o.Pads[i].Enabled ? o.Pads[i].Drive : 0, _columns[c++]);
        }

        for (var i = 0; i < o.Vibration.Length; i++)
        {
            Comma(o.Vibration[i].FrequencyHz, _columns[c++]);
            Comma(o.MasterEnable ? o.Vibration[i].Amplitude : 0, _columns[c++]);
        }

        for (var i = 0; i < s.Pressure.Length; i++)
        {
            Reading(s.Pressure[i].ForceN, _columns[c++]);
        }

        Append(tick.Safe ? ",1\n" : ",0\n");
    }

    /// <summary>Writes the held-back rows with <c>t</c> relative to <paramref name="startS"/>.</summary>
    private void FlushBeforeStart(double startS)
    {
        if (_beforeStart.Count == 0)
        {
            return;
        }

        var length = _length;
        foreach (var (timeS, row) in _beforeStart)
        {
            _length = 0;
            Append(timeS - startS, _time);
            Append(row);
            _writer.Write(_row, 0, _length);
        }

        _beforeStart.Clear();
        _length = length;
    }

    private void Reading(in SensorValue value, SampleColumn column)
    {
        Append(',');
        if (value.Ok)
        {
            Append(value.Value, column);
        }
    }

    private void Comma(double value, SampleColumn column)
    {
        Append(',');
        Append(value, column);
    }

    private void Append(double value, SampleColumn column)
    {
        int written;
        while (!column.TryFormat(value, _row.AsSpan(_length), out written))
        {
            Array.Resize(ref _row, _row.Length * 2);
        }

        _length += written;
    }

    private void Append(char c)
    {
        if (_length == _row.Length)
        {
            Array.Resize(ref _row, _row.Length * 2);
        }

        _row[_length++] = c;
    }

    private void Append(string text)
    {
        while (_length + text.Length > _row.Length)
        {
            Array.Resize(ref _row, _row.Length * 2);
        }

        text.CopyTo(0, _row, _length, text.Length);
        _length += text.Length;
    }

    /// <summary>
    /// A run whose session never started (a refused start) ends at the refusal: its rows are written with
    /// the last one at <c>t</c> = 0.
    /// </summary>
    public void Dispose()
    {
        FlushBeforeStart(_lastTimeS);
        _writer.Dispose();
    }
}
