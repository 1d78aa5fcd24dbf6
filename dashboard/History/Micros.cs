namespace AmpsDevice.Dashboard.History;

/// <summary>Times in the history tables: microseconds since 1970-01-01 UTC, one integer both engines index and compare alike.</summary>
public static class Micros
{
    public static long Of(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;

    public static long Of(TimeSpan span) => span.Ticks / TimeSpan.TicksPerMicrosecond;

    public static DateTimeOffset ToTime(long micros) => DateTimeOffset.UnixEpoch.AddTicks(micros * TimeSpan.TicksPerMicrosecond);
}
