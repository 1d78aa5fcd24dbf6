using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace AmpsDevice.TestSupport;

/// <summary>
/// The built device service, <c>ampsdevice run --simulate</c>, as its own process against a given broker (never
/// the embedded one on 1883), on a given data directory. The service's ampsdevice.dll is copied beside the test
/// or bench assembly by its project reference to firmware-host. Keeps every line the service logs; killed on
/// dispose (the data directory is the caller's and stays).
/// </summary>
public sealed partial class DeviceProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    public DeviceProcess(string brokerUri, string deviceId, string data, params string[] extraOptions)
        : this(["dotnet", "exec", Path.Combine(AppContext.BaseDirectory, "ampsdevice.dll")], brokerUri, deviceId, data, extraOptions)
    {
    }

    private DeviceProcess(string[] command, string brokerUri, string deviceId, string data, string[] extraOptions)
    {
        var psi = new ProcessStartInfo(command[0],
            [.. command[1..], "run", "--simulate", .. extraOptions, "--mqtt", brokerUri, "--device-id", deviceId, "--data", data])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = data,
        };
        psi.Environment["Logging__Console__FormatterName"] = "simple";
        psi.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        _process = Process.Start(psi) ?? throw new InvalidOperationException("could not start the device service");
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The same, started from a published <c>ampsdevice</c> executable (the bench measures what users install).</summary>
    public static DeviceProcess FromExecutable(string executable, string brokerUri, string deviceId, string data, params string[] extraOptions) =>
        new([executable], brokerUri, deviceId, data, extraOptions);

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public IEnumerable<string> Lines => _lines;

    /// <summary>SIGKILL: no stop, no flush, no checkpoint.</summary>
    public void Kill() => _process.Kill();

    public Task WaitForExitAsync(CancellationToken cancellationToken = default) => _process.WaitForExitAsync(cancellationToken);

    /// <summary>The milliseconds a milestone line (<c>Outputs safe</c>, <c>Ready</c>) reports, once it was logged.</summary>
    public async Task<double> WaitForMilestoneAsync(string milestone, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            foreach (var line in _lines)
            {
                var match = Milestone().Match(line);
                if (match.Success && match.Groups[1].Value == milestone)
                {
                    return double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
                }
            }

            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the device service exited ({_process.ExitCode}): {string.Join(" | ", _lines.TakeLast(5))}");
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"no '{milestone}' line within {timeout.TotalSeconds} s: {string.Join(" | ", _lines.TakeLast(5))}");
    }

    /// <summary>Waits until the service logged a line holding <paramref name="text"/>.</summary>
    public async Task WaitForLineAsync(string text, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (!_lines.Any(l => l.Contains(text, StringComparison.Ordinal)))
        {
            if (watch.Elapsed > timeout || _process.HasExited)
            {
                throw new TimeoutException($"no '{text}' line within {timeout.TotalSeconds} s: {string.Join(" | ", _lines.TakeLast(5))}");
            }

            await Task.Delay(20);
        }
    }

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

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }

        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _lines.Enqueue(line);
        }
    }

    [GeneratedRegex(@"(Outputs safe|Ready) (\d+) ms after process start")]
    private static partial Regex Milestone();
}
