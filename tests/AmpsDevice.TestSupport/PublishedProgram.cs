namespace AmpsDevice.TestSupport;

/// <summary>
/// A program as users install it: <c>dotnet publish PROJECT -c Release</c> with the project's own publish settings (both
/// are Native AOT: no JIT compiler runs in the process), into <c>PROJECT/bin/published/</c>. Published again on first use
/// in every process that asks, so it is never older than the sources (unchanged sources: a few seconds); processes that
/// ask at once (test projects run in parallel) take turns on a lock file, and the later ones find it up to date.
/// </summary>
public sealed class PublishedProgram
{
    /// <summary><c>ampsdevice</c>, the device service.</summary>
    public static readonly PublishedProgram Device = new("firmware-host", "AmpsDevice.FirmwareHost.csproj", "ampsdevice");

    /// <summary><c>ampsdashboard</c>, the console and dashboard, with its wwwroot beside it.</summary>
    public static readonly PublishedProgram Dashboard = new("dashboard", "AmpsDevice.Dashboard.csproj", "ampsdashboard");

    /// <summary>A first publish on a loaded 2-core machine takes minutes (the native compiler); far longer is a hang.</summary>
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(20);

    private readonly Lazy<string> _executable;

    private PublishedProgram(string folder, string project, string executable) =>
        _executable = new(() => Publish(folder, project, executable));

    /// <summary>The published executable's path (published on first use; blocks meanwhile).</summary>
    public string Executable => _executable.Value;

    private static string Publish(string folder, string project, string executable)
    {
        var output = Repository.PathOf(folder, "bin", "published");
        Directory.CreateDirectory(output);
        using (HoldLock(output + ".lock"))
        {
            using var publish = new ChildProcess("dotnet",
                ["publish", Repository.PathOf(folder, project), "-c", "Release", "-nologo", "-v", "q", "-o", output],
                workingDirectory: Repository.Root);
            var code = publish.WaitForExit(PublishTimeout);
            if (code != 0)
            {
                throw new InvalidOperationException($"dotnet publish {folder}/{project} exited {code}: {publish.Tail(20)}");
            }
        }

        var exe = Path.Combine(output, executable);
        return File.Exists(exe) ? exe : throw new InvalidOperationException($"dotnet publish left no {exe}");
    }

    /// <summary>An exclusive lock on <paramref name="path"/> (on Linux .NET takes it with flock), waiting for another process's.</summary>
    private static FileStream HoldLock(string path)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (waited.Elapsed < PublishTimeout)
            {
                Thread.Sleep(500);
            }
            catch (IOException e)
            {
                throw new TimeoutException($"{path} stayed locked for {PublishTimeout.TotalMinutes:0} min: is another publish hanging?", e);
            }
        }
    }
}
