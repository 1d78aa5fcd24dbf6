using System.Diagnostics;
using System.Globalization;
using AmpsDevice.Telemetry.Tests.Support;
using Microsoft.Extensions.Hosting;

namespace AmpsDevice.Telemetry.Tests;

/// <summary>docs/deployment/ampsdevice.service: valid for systemd, and its timings fit the service's.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class DeploymentTests
{
    private static readonly string UnitFile = Path.Combine(Repository.Root, "docs", "deployment", "ampsdevice.service");

    [Fact]
    public async Task The_unit_file_passes_systemd_analyze_verify_without_a_warning()
    {
        // verify insists that ExecStart exists: point it at a stand-in executable.
        var dir = TempDirectory.Create("unit");
        var exe = Path.Combine(dir, "ampsdevice");
        await File.WriteAllTextAsync(exe, "#!/bin/sh\n");
        File.SetUnixFileMode(exe, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        var unit = Path.Combine(dir, "ampsdevice.service");
        await File.WriteAllTextAsync(unit, (await File.ReadAllTextAsync(UnitFile)).Replace("/opt/ampsdevice/ampsdevice", exe, StringComparison.Ordinal));

        var psi = new ProcessStartInfo("systemd-analyze", ["verify", unit]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var verify = Process.Start(psi)!;
        var stdout = verify.StandardOutput.ReadToEndAsync();
        var stderr = verify.StandardError.ReadToEndAsync();
        await verify.WaitForExitAsync();
        var said = (await stdout + await stderr).Trim();
        Assert.True(verify.ExitCode == 0 && said.Length == 0, $"systemd-analyze verify exit {verify.ExitCode}: {said}");
    }

    [Fact]
    public void The_unit_is_notify_type_with_a_watchdog_and_gives_the_host_time_to_stop_safely()
    {
        var keys = File.ReadAllLines(UnitFile)
            .Select(l => l.Trim())
            .Where(l => l.Contains('=', StringComparison.Ordinal) && !l.StartsWith('#'))
            .ToDictionary(l => l[..l.IndexOf('=', StringComparison.Ordinal)], l => l[(l.IndexOf('=', StringComparison.Ordinal) + 1)..]);

        Assert.Equal("notify", keys["Type"]);
        Assert.Equal("SIGTERM", keys["KillSignal"]);
        Assert.Equal("always", keys["Restart"]);
        Assert.Contains(" run ", keys["ExecStart"], StringComparison.Ordinal);

        // The host gets its whole shutdown timeout (outputs safe, session recorded, "offline" published) before SIGKILL.
        var stop = TimeSpan.FromSeconds(double.Parse(keys["TimeoutStopSec"], CultureInfo.InvariantCulture));
        Assert.True(stop > new HostOptions().ShutdownTimeout + TimeSpan.FromSeconds(5), $"TimeoutStopSec {stop} vs host {new HostOptions().ShutdownTimeout}");

        // The loop watchdog pets at a quarter of WatchdogSec, at most once a second: several chances before systemd acts.
        var watchdog = TimeSpan.FromSeconds(double.Parse(keys["WatchdogSec"], CultureInfo.InvariantCulture));
        Assert.InRange(watchdog, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30));
    }
}
