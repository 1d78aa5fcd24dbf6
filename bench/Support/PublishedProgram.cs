using AmpsDevice.Bench.Comparison;

namespace AmpsDevice.Bench.Support;

/// <summary>
/// A program as users install it: <c>dotnet publish PROJECT -c Release</c> with the project's own publish settings
/// (both are Native AOT), into a temporary folder, once per bench process (the figures that start it share it).
/// </summary>
public sealed class PublishedProgram
{
    /// <summary><c>ampsdevice</c>, the device service.</summary>
    public static readonly PublishedProgram Device = new("firmware-host", "AmpsDevice.FirmwareHost.csproj", "ampsdevice");

    /// <summary><c>ampsdashboard</c>, the console and dashboard, with its wwwroot beside it.</summary>
    public static readonly PublishedProgram Dashboard = new("dashboard", "AmpsDevice.Dashboard.csproj", "ampsdashboard");

    private readonly Lazy<Task<string>> _executable;

    private PublishedProgram(string folder, string project, string executable) =>
        _executable = new(() => PublishAsync(folder, project, executable));

    /// <summary>The published executable's path (published on first use).</summary>
    public Task<string> ExecutableAsync() => _executable.Value;

    private static async Task<string> PublishAsync(string folder, string project, string executable)
    {
        var output = Path.Combine(Path.GetTempPath(), $"amps-bench-{executable}-{Environment.ProcessId}");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(output, recursive: true);
        await ProcessRunner.RunCheckedAsync("dotnet",
            ["publish", Repository.PathOf(folder, project), "-c", "Release", "-nologo", "-v", "q", "-o", output],
            Repository.Root);
        var exe = Path.Combine(output, executable);
        return File.Exists(exe) ? exe : throw new InvalidOperationException($"dotnet publish left no {exe}");
    }
}
