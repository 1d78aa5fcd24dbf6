using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace AmpsDevice.Packaging.Tests;

/// <summary>
/// The Raspberry Pi's build, proven without a Pi: the packaged linux-arm64 <c>ampsdevice</c> runs under Debian's
/// user-mode emulator (<c>qemu-aarch64-static</c> with the arm64 C, C++, OpenSSL, ICU and zlib libraries;
/// tests/run installs them) and must answer exactly as the x64 build the other tests run: the same <c>validate</c>
/// summary, the same <c>simulate</c> report and samples byte for byte (the simulator is seeded; a difference is a
/// platform difference in arithmetic, and the message names the fields), and <c>run --simulate</c> comes up to ready
/// and stops cleanly on SIGTERM. The emulator's timings are not the Pi's (docs/deployment.md).
/// </summary>
[Collection(BuiltPackageCollection.Name)]
public sealed class Arm64EmulationTests(BuiltPackage package, ITestOutputHelper output)
{
    private const string Emulator = Arm64Emulator.Name;

    private static string X64Service => Repository.BuiltOutput("firmware-host", "ampsdevice.dll");

    [Theory]
    [InlineData("contract-example.json")]
    [InlineData("warmth-vibration-level1.json")]
    public void Validate_on_arm64_prints_what_the_x64_build_prints(string profile)
    {
        string[] args = ["validate", Repository.PathOf("docs", "examples", profile)];
        var x64 = RunX64(args);
        var arm64 = RunArm64(args);

        Assert.Equal(0, x64.Exit);
        Assert.Equal(x64, arm64);
    }

    [Fact]
    public void Simulate_on_arm64_writes_the_x64_report_and_samples_byte_for_byte()
    {
        using var x64Dir = new TempDirectory("sim-x64");
        using var arm64Dir = new TempDirectory("sim-arm64");
        string[] Args(string dir) =>
        [
            "simulate", "--profile", Repository.PathOf("docs", "examples", "contract-example.json"),
            "--scenario", Repository.PathOf("docs", "examples", "scenario-heater-stuck.json"),
            "--report", Path.Combine(dir, "report.json"), "--samples", Path.Combine(dir, "samples.csv"), "--seed", "7",
        ];

        var x64 = RunX64(Args(x64Dir.Path));
        var arm64 = RunArm64(Args(arm64Dir.Path));

        Assert.Equal(3, x64.Exit); // the scenario's stuck heater ends the session in a safety stop
        Assert.Equal(x64, arm64);
        foreach (var file in new[] { "report.json", "samples.csv" })
        {
            var expected = File.ReadAllBytes(Path.Combine(x64Dir.Path, file));
            var actual = File.ReadAllBytes(Path.Combine(arm64Dir.Path, file));
            Assert.True(expected.AsSpan().SequenceEqual(actual), $"{file} differs on arm64: {OutputDifference.Describe(file, expected, actual)}");
        }
    }

    [Fact]
    public async Task Run_simulate_on_arm64_comes_up_ready_and_stops_cleanly_on_sigterm()
    {
        using var broker = MosquittoBroker.Anonymous();
        using var data = new TempDirectory("run-arm64");
        using var device = DeviceProcess.Emulated(Emulator, Arm64Executable(), broker.Uri, "arm64-emulated", data.Path);

        // Generous: the emulator translates every instruction, and the test machine is shared.
        var safeMs = await device.WaitForMilestoneAsync("Outputs safe", TimeSpan.FromMinutes(4));
        var readyMs = await device.WaitForMilestoneAsync("Ready", TimeSpan.FromMinutes(4));
        output.WriteLine($"under {Emulator}: outputs safe {safeMs} ms, ready {readyMs} ms after process start");

        using (var kill = Process.Start("kill", ["-TERM", device.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await device.WaitForExitAsync(stop.Token);
        Assert.True(device.ExitCode == 0, $"exit {device.ExitCode} after SIGTERM: {device.Output}");
        Assert.Contains(device.Lines, l => l.Contains("Application is shutting down", StringComparison.Ordinal));
    }

    private static (int Exit, string Stdout, string Stderr) RunX64(string[] args) => Shell.Run("dotnet", ["exec", X64Service, .. args]);

    private (int Exit, string Stdout, string Stderr) RunArm64(string[] args)
    {
        var watch = Stopwatch.StartNew();
        var result = Shell.Run(Emulator, [Arm64Executable(), .. args]);
        output.WriteLine($"{args[0]} under {Emulator}: {watch.Elapsed.TotalSeconds:0.0} s");
        return result;
    }

    private string Arm64Executable()
    {
        Arm64Emulator.Require();
        return Path.Combine(package.ServiceDirectory, "ampsdevice");
    }
}

/// <summary>Where two text outputs first part: the line, and for a CSV row the columns by their header names.</summary>
internal static class OutputDifference
{
    public static string Describe(string file, byte[] expected, byte[] actual)
    {
        var x64 = System.Text.Encoding.UTF8.GetString(expected).Split('\n');
        var arm64 = System.Text.Encoding.UTF8.GetString(actual).Split('\n');
        for (var i = 0; i < Math.Max(x64.Length, arm64.Length); i++)
        {
            var a = i < x64.Length ? x64[i] : "(end of file)";
            var b = i < arm64.Length ? arm64[i] : "(end of file)";
            if (a == b)
            {
                continue;
            }

            if (!file.EndsWith(".csv", StringComparison.Ordinal) || i == 0)
            {
                return $"line {i + 1}: x64 '{a.Trim()}', arm64 '{b.Trim()}'";
            }

            var header = x64[0].Split(',');
            var (ax, bx) = (a.Split(','), b.Split(','));
            var columns = Enumerable.Range(0, Math.Min(header.Length, Math.Min(ax.Length, bx.Length)))
                .Where(c => ax[c] != bx[c])
                .Select(c => $"{header[c]} x64 {ax[c]} arm64 {bx[c]}");
            return $"row {i} (t = {ax[0]}): {string.Join("; ", columns)}";
        }

        return "same text, different bytes";
    }
}
