using System.Globalization;
using System.Text;

namespace AmpsDevice.FirmwareHost.Sessions.Records.Export;

/// <summary>
/// <c>export --csv</c>: one row per recorded sample (10 Hz), columns named as in docs/simulate.md's sample
/// file: <c>t</c> (s from the session's start), per pad <c>padN.measuredC,padN.safetyC,padN.drive</c>, per
/// vibration channel <c>vibN.frequencyHz,vibN.amplitude</c>, per pressure channel <c>pressureN.forceN</c>,
/// then <c>safe</c>. There is no <c>physicalC</c>: only the simulator knows the truth behind a sensor.
/// A missing reading is an empty cell.
/// </summary>
public static class SessionCsv
{
    public static void Write(SampleTable samples, TextWriter writer)
    {
        writer.Write(string.Join(',', samples.Columns));
        writer.Write('\n');
        var line = new StringBuilder(256);
        var last = samples.Columns.Count - 1;
        foreach (var row in samples.Rows)
        {
            line.Clear();
            for (var i = 0; i <= last; i++)
            {
                if (i > 0)
                {
                    line.Append(',');
                }

                var v = row[i];
                if (double.IsFinite(v))
                {
                    line.Append(v.ToString(i == 0 ? "0.###" : i == last ? "0" : "0.####", CultureInfo.InvariantCulture));
                }
            }

            writer.Write(line.Append('\n'));
        }
    }
}
