namespace AmpsDevice.Bench.Support;

/// <summary>Where the repository and the bench's own files are.</summary>
public static class RepoPaths
{
    /// <summary>The folder holding AmpsDevice.sln, found upward from the executable.</summary>
    public static string Root { get; } = FindRoot();

    public static string PerformanceDoc => Path.Combine(Root, "docs", "performance.md");

    /// <summary>The bench load: both pads, both tactors and guided pressure at once, about 30 minutes.</summary>
    public static string EveryChannelProfile => Path.Combine(AppContext.BaseDirectory, "Profiles", "every-channel-30min.json");

    /// <summary>The built device service (ampsdevice.dll), copied beside the bench by the project reference.</summary>
    public static string DeviceServiceDll => Path.Combine(AppContext.BaseDirectory, "ampsdevice.dll");

    public static string NewTempDirectory(string prefix)
    {
        var path = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AmpsDevice.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("AmpsDevice.sln not found above " + AppContext.BaseDirectory);
    }
}
