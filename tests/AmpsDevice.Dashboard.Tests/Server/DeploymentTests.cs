using System.Diagnostics;
using AmpsDevice.Dashboard.Tests.Support;

namespace AmpsDevice.Dashboard.Tests.Server;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class DeploymentTests
{
    private static readonly string UnitFile = Repository.PathOf("docs", "deployment", "ampsdashboard.service");

    [Fact]
    public async Task The_systemd_unit_passes_systemd_analyze_verify()
    {
        var dir = TempDirectory.Create("dashboard-unit");
        var exe = Path.Combine(dir, "ampsdashboard");
        await File.WriteAllTextAsync(exe, "#!/bin/sh\n");
        File.SetUnixFileMode(exe, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        var unit = Path.Combine(dir, "ampsdashboard.service");
        await File.WriteAllTextAsync(unit, (await File.ReadAllTextAsync(UnitFile))
            .Replace("/opt/ampsdashboard/ampsdashboard", exe, StringComparison.Ordinal)
            .Replace("WorkingDirectory=/opt/ampsdashboard", "WorkingDirectory=" + dir, StringComparison.Ordinal));

        using var verify = Process.Start(new ProcessStartInfo("systemd-analyze", ["verify", unit]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var stdout = verify.StandardOutput.ReadToEndAsync();
        var stderr = verify.StandardError.ReadToEndAsync();
        await verify.WaitForExitAsync();
        var said = (await stdout + await stderr).Trim();
        Assert.True(verify.ExitCode == 0 && said.Length == 0, $"systemd-analyze verify exit {verify.ExitCode}: {said}");
    }

    [Fact]
    public void The_unit_listens_on_loopback_only_and_keeps_its_data_in_its_state_directory()
    {
        var keys = File.ReadAllLines(UnitFile)
            .Select(l => l.Trim())
            .Where(l => l.Contains('=', StringComparison.Ordinal) && !l.StartsWith('#'))
            .ToDictionary(l => l[..l.IndexOf('=', StringComparison.Ordinal)], l => l[(l.IndexOf('=', StringComparison.Ordinal) + 1)..]);
        Assert.Equal("notify", keys["Type"]);
        Assert.Contains("--urls http://127.0.0.1:", keys["ExecStart"], StringComparison.Ordinal);
        Assert.Contains($"--data /var/lib/{keys["StateDirectory"]}", keys["ExecStart"], StringComparison.Ordinal);
        Assert.NotEqual("root", keys["User"]);
    }
}
