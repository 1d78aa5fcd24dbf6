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
    private readonly TextWriter _writer;
    private readonly IPhysicalTruth _truth;
    private readonly Func<double> _sessionStartS;
    private readonly char[] _number = new char[32];
    private readonly List<(double TimeS, string Row)> _beforeStart = [];
    private readonly StringWriter _pending = new(CultureInfo.InvariantCulture);
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
            _headerWritten = true;
        }

        _lastTimeS = tick.TimeS;
        var start = _sessionStartS();
        if (double.IsNaN(start))
        {
            // The session has not started: its clock has no zero yet. Keep the row without its t.
            WriteColumns(_pending, tick);
            _beforeStart.Add((tick.TimeS, _pending.ToString()));
            _pending.GetStringBuilder().Clear();
            return;
        }

        FlushBeforeStart(start);
        Write(_writer, tick.TimeS - start, "0.###");
        WriteColumns(_writer, tick);
    }

    private void WriteColumns(TextWriter w, in TickView tick)
    {
        var s = tick.Sensors;
        var o = tick.Outputs;
        for (var i = 0; i < s.Pads.Length; i++)
        {
            Reading(w, s.Pads[i].ControlC, "0.###");
            Reading(w, s.Pads[i].SafetyC, "0.###");
            Comma(w, _truth.PadSurfaceC(i), "0.###");
            Comma(w, o.MasterEnable && o.Pads[i].Enabled ? o.Pads[i].Drive : 0, "0.####");
        }

        for (var i = 0; i < o.Vibration.Length; i++)
        {
            Comma(w, o.Vibration[i].FrequencyHz, "0.#");
            Comma(w, o.MasterEnable ? o.Vibration[i].Amplitude : 0, "0.####");
        }

        for (var i = 0; i < s.Pressure.Length; i++)
        {
            Reading(w, s.Pressure[i].ForceN, "0.###");
        }

        w.Write(tick.Safe ? ",1\n" : ",0\n");
    }

    /// <summary>Writes the held-back rows with <c>t</c> relative to <paramref name="startS"/>.</summary>
    private void FlushBeforeStart(double startS)
    {
        if (_beforeStart.Count == 0)
        {
            return;
        }

        foreach (var (timeS, row) in _beforeStart)
        {
            Write(_writer, timeS - startS, "0.###");
            _writer.Write(row);
        }

        _beforeStart.Clear();
    }

    private void Reading(TextWriter w, in SensorValue value, string format)
    {
        w.Write(',');
        if (value.Ok)
        {
            Write(w, value.Value, format);
        }
    }

    private void Comma(TextWriter w, double value, string format)
    {
        w.Write(',');
        Write(w, value, format);
    }

    private void Write(TextWriter w, double value, string format)
    {
        if (DecimalPattern.TryFormat(value, format, _number, out var written))
        {
            w.Write(_number, 0, written);
        }
    }

    /// <summary>
    /// A run whose session never started (a refused start) ends at the refusal: its rows are written with
    /// the last one at <c>t</c> = 0.
    /// </summary>
    public void Dispose()
    {
        FlushBeforeStart(_lastTimeS);
        _writer.Dispose();
        _pending.Dispose();
    }
}
