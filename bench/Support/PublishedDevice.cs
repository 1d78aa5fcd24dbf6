using AmpsDevice.Bench.Comparison;

namespace AmpsDevice.Bench.Support;

/// <summary>
/// <c>ampsdevice</c> as users install it: <c>dotnet publish firmware-host -c Release</c> with the project's own
/// publish settings, into a temporary folder, once per bench process (the process-level figures share it).
/// </summary>
public static class PublishedDevice
{
    private static readonly Lazy<Task<string>> Executable = new(PublishAsync);

    /// <summary>The published executable's path (published on first use).</summary>
    public static Task<string> ExecutableAsync() => Executable.Value;

    private static async Task<string> PublishAsync()
    {
        var output = Path.Combine(Path.GetTempPath(), $"amps-bench-published-{Environment.ProcessId}");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(output, recursive: true);
        await ProcessRunner.RunCheckedAsync("dotnet",
            ["publish", Repository.PathOf("firmware-host", "AmpsDevice.FirmwareHost.csproj"), "-c", "Release", "-nologo", "-v", "q", "-o", output],
            Repository.Root);
        var exe = Path.Combine(output, "ampsdevice");
        return File.Exists(exe) ? exe : throw new InvalidOperationException($"dotnet publish left no {exe}");
    }
}
