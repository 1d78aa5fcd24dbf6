using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace AmpsDevice.Bench.Support;

/// <summary>
/// The real device service, <c>ampsdevice run --simulate --allow-remote-start</c>, as its own process against a
/// given broker (never the embedded one on 1883), with its own data directory. Reads the start-up milestones
/// from its log. Killed on dispose.
/// </summary>
public sealed partial class DeviceProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly string _data;

    public DeviceProcess(string brokerUri, string deviceId)
    {
        _data = RepoPaths.NewTempDirectory("amps-bench-device");
        var psi = new ProcessStartInfo("dotnet",
            ["exec", RepoPaths.DeviceServiceDll, "run", "--simulate", "--allow-remote-start", "--mqtt", brokerUri, "--device-id", deviceId, "--data", _data])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _data,
        };
        psi.Environment["Logging__Console__FormatterName"] = "simple";
        psi.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        _process = Process.Start(psi) ?? throw new InvalidOperationException("could not start the device service");
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public IEnumerable<string> Lines => _lines;

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

    /// <summary>Waits until the service logged that it is connected to the broker (it takes commands from then on).</summary>
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
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // left in /tmp
        }
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
