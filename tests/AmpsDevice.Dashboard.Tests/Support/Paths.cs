namespace AmpsDevice.Dashboard.Tests.Support;

internal static class Paths
{
    /// <summary>The repository root (the folder holding AmpsDevice.sln).</summary>
    public static string RepoRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AmpsDevice.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("AmpsDevice.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary><c>{project}/bin/{Debug|Release}/net10.0/{file}</c>, in the configuration these tests were built in.</summary>
    public static string BuiltExecutable(string project, string file)
    {
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = framework.Parent!.Name;
        var path = Path.Combine(RepoRoot, project, "bin", configuration, framework.Name, file);
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is not built", path);
    }

    public static string NewTempDirectory(string prefix)
    {
        var path = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    public static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
