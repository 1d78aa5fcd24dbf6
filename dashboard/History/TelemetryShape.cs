namespace AmpsDevice.Dashboard.History;

/// <summary>
/// Parts and gaps of a run of telemetry messages in device time: a part is a stretch of one boot (a device that
/// restarted starts a new part, its seq from 1 again); a gap is a seq that never arrived inside a part. Gaps are
/// shown as gaps, never drawn over.
/// </summary>
public static class TelemetryShape
{
    public static (IReadOnlyList<TelemetryPart> Parts, IReadOnlyList<TelemetryGap> Gaps) Of(IReadOnlyList<StoredTelemetry> ordered)
    {
        var parts = new List<TelemetryPart>();
        var gaps = new List<TelemetryGap>();
        var i = 0;
        while (i < ordered.Count)
        {
            var first = ordered[i];
            var j = i;
            while (j + 1 < ordered.Count && ordered[j + 1].BootId == first.BootId)
            {
                var (a, b) = (ordered[j], ordered[j + 1]);
                if (b.Seq > a.Seq + 1)
                {
                    gaps.Add(new TelemetryGap(a.BootId, a.Seq + 1, b.Seq - 1, a.At, b.At));
                }

                j++;
            }

            parts.Add(new TelemetryPart(first.BootId, first.Seq, ordered[j].Seq, first.At, ordered[j].At, j - i + 1));
            i = j + 1;
        }

        return (parts, gaps);
    }
}
