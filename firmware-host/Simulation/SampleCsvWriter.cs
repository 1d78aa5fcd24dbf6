using System.Globalization;
using System.Text;
using AmpsDevice.FirmwareHost.Control;
using AmpsDevice.FirmwareHost.Hardware;

namespace AmpsDevice.FirmwareHost.Simulation;

/// <summary>
/// <c>simulate --samples</c>: one CSV row per control tick, columns as CONTRACTS.md §1 fixes them:
/// <c>t</c>, then per pad <c>padN.measuredC,padN.safetyC,padN.physicalC,padN.drive</c>, per vibration
/// channel <c>vibN.frequencyHz,vibN.amplitude</c>, per pressure channel <c>pressureN.forceN</c>, then <c>safe</c>.
/// </summary>
public sealed class SampleCsvWriter : ITickObserver, IDisposable
{
    private readonly TextWriter _writer;
    private readonly IPhysicalTruth _truth;
    private readonly char[] _number = new char[32];
    private bool _headerWritten;

    public SampleCsvWriter(TextWriter writer, IPhysicalTruth truth)
    {
        _writer = writer;
        _truth = truth;
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

        Write(tick.TimeS, "0.###");
        var s = tick.Sensors;
        var o = tick.Outputs;
        for (var i = 0; i < s.Pads.Length; i++)
        {
            Comma(s.Pads[i].ControlC.Value, "0.###");
            Comma(s.Pads[i].SafetyC.Value, "0.###");
            Comma(_truth.PadSurfaceC(i), "0.###");
            Comma(o.MasterEnable && o.Pads[i].Enabled ? o.Pads[i].Drive : 0, "0.####");
        }

        for (var i = 0; i < o.Vibration.Length; i++)
        {
            Comma(o.Vibration[i].FrequencyHz, "0.#");
            Comma(o.MasterEnable ? o.Vibration[i].Amplitude : 0, "0.####");
        }

        for (var i = 0; i < s.Pressure.Length; i++)
        {
            Comma(s.Pressure[i].ForceN.Value, "0.###");
        }

        _writer.Write(tick.Safe ? ",1\n" : ",0\n");
    }

    private void Comma(double value, string format)
    {
        _writer.Write(',');
        Write(value, format);
    }

    private void Write(double value, string format)
    {
        if (value.TryFormat(_number, out var written, format, CultureInfo.InvariantCulture))
        {
            _writer.Write(_number, 0, written);
        }
    }

    public void Dispose() => _writer.Dispose();
}
