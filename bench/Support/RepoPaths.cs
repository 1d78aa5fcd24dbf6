using AmpsDevice.TestSupport;

namespace AmpsDevice.Bench.Support;

/// <summary>Where the bench's own files are.</summary>
public static class RepoPaths
{
    public static string PerformanceDoc => Repository.PathOf("docs", "performance.md");

    /// <summary>The bench load: both pads, both tactors and guided pressure at once, about 30 minutes.</summary>
    public static string EveryChannelProfile => Path.Combine(AppContext.BaseDirectory, "Profiles", "every-channel-30min.json");
}
