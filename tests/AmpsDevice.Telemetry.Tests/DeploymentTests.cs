using System.Globalization;
using Microsoft.Extensions.Hosting;

namespace AmpsDevice.Telemetry.Tests;

/// <summary>docs/deployment/ampsdevice.service: valid for systemd, and its timings fit the service's.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class DeploymentTests
{
    private static readonly DeploymentUnit Unit = new("ampsdevice");

    [Fact]
    public async Task The_unit_file_passes_systemd_analyze_verify_without_a_warning()
    {
        var (exit, said) = await Unit.VerifyAsync();
        Assert.True(exit == 0 && said.Length == 0, $"systemd-analyze verify exit {exit}: {said}");
    }

    [Fact]
    public void The_unit_is_notify_type_with_a_watchdog_and_gives_the_host_time_to_stop_safely()
    {
        var keys = Unit.Settings();

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

    [Fact]
    public void The_runtime_settings_of_the_unit_are_hexadecimal_without_the_prefix_the_native_runtime_ignores()
    {
        var environment = Unit.Environment();

        // The natively compiled runtime parses DOTNET_GC* as hexadecimal digits and ignores "0x400000" altogether.
        var runtime = environment.Where(e => e.Key.StartsWith("DOTNET_", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(runtime);
        Assert.All(runtime, e => Assert.True(
            e.Value.Length > 0 && e.Value.All(Uri.IsHexDigit), $"{e.Key}={e.Value} is not hexadecimal digits without 0x"));
        Assert.Equal(4 * 1024 * 1024, Convert.ToInt32(environment["DOTNET_GCgen0size"], 16));
    }
}
