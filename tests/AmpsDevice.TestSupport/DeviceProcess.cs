using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace AmpsDevice.TestSupport;

/// <summary>
/// The built device service, <c>ampsdevice run --simulate</c>, as its own process against a given broker (never
/// the embedded one on 1883), on a given data directory. The service's ampsdevice.dll is copied beside the test
/// or bench assembly by the project reference to firmware-host. Keeps every line the service logs; killed on
/// dispose (the data directory is the caller's and stays).
/// </summary>
public sealed partial class DeviceProcess : IDisposable
{
    private readonly ChildProcess _process;

    public DeviceProcess(string brokerUri, string deviceId, string data, params string[] extraOptions)
        : this(["dotnet", "exec", Path.Combine(AppContext.BaseDirectory, "ampsdevice.dll")], brokerUri, deviceId, data, extraOptions)
    {
    }

    private DeviceProcess(string[] command, string brokerUri, string deviceId, string data, string[] extraOptions,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        string[] full = [.. command, "run", "--simulate", .. extraOptions, "--mqtt", brokerUri, "--device-id", deviceId, "--data", data];
        _process = new ChildProcess(full[0], full[1..], workingDirectory: data, environment: environment);
    }

    /// <summary>
    /// The same, from firmware-host's own output folder as it is, at normal priority (for measurements). A program
    /// that references ASP.NET Core (the bench does, for the dashboard) gets a copy of ampsdevice.dll whose libraries
    /// the shared framework replaced, and that copy cannot start.
    /// </summary>
    public static DeviceProcess Built(string brokerUri, string deviceId, string data, params string[] extraOptions) =>
        new(["dotnet", "exec", Repository.BuiltOutput("firmware-host", "ampsdevice.dll")], brokerUri, deviceId, data, extraOptions);

    /// <summary>
    /// The same, started from a published <c>ampsdevice</c> executable with the installed unit's <c>Environment=</c>
    /// (the bench measures what users install).
    /// </summary>
    public static DeviceProcess FromExecutable(string executable, string brokerUri, string deviceId, string data, params string[] extraOptions) =>
        new([executable], brokerUri, deviceId, data, extraOptions, UnitEnvironment());

    /// <summary>The same, a published executable for another architecture run by a user-mode emulator (<c>qemu-aarch64-static</c>).</summary>
    public static DeviceProcess Emulated(string emulator, string executable, string brokerUri, string deviceId, string data, params string[] extraOptions) =>
        new([emulator, executable], brokerUri, deviceId, data, extraOptions);

    /// <summary>
    /// The service as it is installed, natively compiled (<see cref="PublishedProgram.Device"/>), at a higher priority
    /// than everything else a test runs (nice -10; the tests run as root): on a device the control loop has the CPU to
    /// itself, on a shared test machine a starved loop rightly trips its deadline rule and ends the session the test is
    /// watching. Native, because a JIT-compiled build compiles each code path on the control thread the first time it
    /// runs: the first judged tick, at the end of the warm-up, took 11 to 18 ms with the machine loaded, enough for a
    /// busier moment to miss the 3 ticks the loop-health rule allows; the native service's ticks took under 3 ms there.
    /// With the installed unit's <c>Environment=</c>. Not for measurements: the bench runs the service without nice.
    /// </summary>
    public static DeviceProcess Prioritized(string brokerUri, string deviceId, string data, params string[] extraOptions) =>
        new(["nice", "-n", "-10", PublishedProgram.Device.Executable], brokerUri, deviceId, data, extraOptions, UnitEnvironment());

    /// <summary>docs/deployment/ampsdevice.service's <c>Environment=</c>, so that a test runs the service as it is installed.</summary>
    private static IReadOnlyDictionary<string, string>? UnitEnvironment() =>
        OperatingSystem.IsLinux() ? new DeploymentUnit("ampsdevice").Environment() : null;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public IEnumerable<string> Lines => _process.Lines;

    public string Output => _process.Output;

    /// <summary>SIGKILL: no stop, no flush, no checkpoint.</summary>
    public void Kill() => _process.Kill();

    public Task WaitForExitAsync(CancellationToken cancellationToken = default) => _process.WaitForExitAsync(cancellationToken);

    /// <summary>The milliseconds a milestone line (<c>Outputs safe</c>, <c>Ready</c>) reports, once it was logged.</summary>
    public async Task<double> WaitForMilestoneAsync(string milestone, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            foreach (var line in _process.Lines)
            {
                var match = Milestone().Match(line);
                if (match.Success && match.Groups[1].Value == milestone)
                {
                    return double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
                }
            }

            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the device service exited ({_process.ExitCode}): {_process.Tail()}");
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"no '{milestone}' line within {timeout.TotalSeconds} s: {_process.Tail()}");
    }

    /// <summary>Waits until the service logged a line holding <paramref name="text"/>.</summary>
    public Task WaitForLineAsync(string text, TimeSpan timeout) => _process.WaitForLineAsync(text, timeout);

    /// <summary>Resident set size (VmRSS of /proc/PID/status), MiB.</summary>
    public double ResidentMiB()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
            }
        }

        throw new InvalidOperationException($"no VmRSS in /proc/{_process.Id}/status");
    }

    public void Dispose() => _process.Dispose();

    [GeneratedRegex(@"(Outputs safe|Ready) (\d+) ms after process start")]
    private static partial Regex Milestone();
}
