using System.Globalization;
using System.Text;

namespace AmpsDevice.Protocol.Records;

/// <summary>
/// A session's samples as CSV (docs/records.md), the file <c>ampsdevice export --csv</c> and the dashboard's history
/// export both write: one row per recorded sample (10 Hz), columns named as in docs/simulate.md's sample file:
/// <c>t</c> (s from the session's start), per pad <c>padN.measuredC,padN.safetyC,padN.drive</c>, per vibration
/// channel <c>vibN.frequencyHz,vibN.amplitude</c>, per pressure channel <c>pressureN.forceN</c>, then <c>safe</c>.
/// There is no <c>physicalC</c>: only the simulator knows the truth behind a sensor. A missing reading (NaN) is an
/// empty cell; <c>t</c> has up to 3 decimals, the readings up to 4, <c>safe</c> none.
/// </summary>
public static class SessionCsv
{
    /// <summary>The header of <paramref name="columns"/>, then each of <paramref name="rows"/> (a value per column, <c>t</c> first and <c>safe</c> last).</summary>
    public static void Write(IReadOnlyList<string> columns, IEnumerable<double[]> rows, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(string.Join(',', columns));
        writer.Write('\n');
        var line = new StringBuilder(256);
        var last = columns.Count - 1;
        foreach (var row in rows)
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
