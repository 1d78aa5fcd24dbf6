namespace AmpsDevice.Dashboard.Tests.Server;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class DeploymentTests
{
    private static readonly DeploymentUnit Unit = new("ampsdashboard");

    [Fact]
    public async Task The_systemd_unit_passes_systemd_analyze_verify()
    {
        var (exit, said) = await Unit.VerifyAsync();
        Assert.True(exit == 0 && said.Length == 0, $"systemd-analyze verify exit {exit}: {said}");
    }

    [Fact]
    public void The_unit_listens_on_loopback_only_and_keeps_its_data_in_its_state_directory()
    {
        var keys = Unit.Settings();
        Assert.Equal("notify", keys["Type"]);
        Assert.Contains("--urls http://127.0.0.1:", keys["ExecStart"], StringComparison.Ordinal);
        Assert.Contains($"--data /var/lib/{keys["StateDirectory"]}", keys["ExecStart"], StringComparison.Ordinal);
        Assert.NotEqual("root", keys["User"]);
    }
}
