using System.Collections.Concurrent;
using System.Diagnostics;

namespace AmpsDevice.TestSupport;

/// <summary>
/// A process a test or the bench starts (the device service, the dashboard, one of their commands), with every line it
/// writes kept for assertions and failure messages; killed with its children on dispose.
/// </summary>
public sealed class ChildProcess : IDisposable
{
    /// <summary>Lines kept (the oldest go first): enough for a long run's milestones and errors, bounded for a chatty one.</summary>
    private const int KeptLines = 100_000;

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    /// <param name="standardInput">Written to the process's standard input, which is then closed (a password for <c>--password-stdin</c>).</param>
    /// <param name="environment">Variables set for the process on top of this one's (a systemd unit's <c>Environment=</c>).</param>
    public ChildProcess(string file, IEnumerable<string> args, string? standardInput = null, string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo(file, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = standardInput is not null,
            UseShellExecute = false,
        };
        if (workingDirectory is not null)
        {
            psi.WorkingDirectory = workingDirectory;
        }

        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["Logging__Console__FormatterName"] = "simple";
        psi.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[name] = value;
        }

        _process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {file}");
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        if (standardInput is not null)
        {
            _process.StandardInput.WriteLine(standardInput);
            _process.StandardInput.Close();
        }
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public IEnumerable<string> Lines => _lines;

    public string Output => string.Join('\n', _lines);

    public bool Logged(string text) => _lines.Any(l => l.Contains(text, StringComparison.Ordinal));

    /// <summary>The last few lines, for a failure message.</summary>
    public string Tail(int lines = 5) => string.Join(" | ", _lines.TakeLast(lines));

    /// <summary>Waits for the exit and returns its code; a process still running after <paramref name="timeout"/> is killed and reported.</summary>
    public int WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"process did not exit within {timeout}: {Output}");
        }

        _process.WaitForExit();
        return _process.ExitCode;
    }

    public Task WaitForExitAsync(CancellationToken cancellationToken = default) => _process.WaitForExitAsync(cancellationToken);

    /// <summary>Waits until the process wrote a line holding <paramref name="text"/>.</summary>
    public async Task WaitForLineAsync(string text, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (!Logged(text))
        {
            if (watch.Elapsed > timeout || _process.HasExited)
            {
                throw new TimeoutException($"no '{text}' line within {timeout.TotalSeconds} s: {Tail()}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>SIGKILL, children included: no clean shutdown (for the device, the broker publishes its Last Will).</summary>
    public void Kill()
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
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _lines.Enqueue(line);
            while (_lines.Count > KeptLines)
            {
                _lines.TryDequeue(out _);
            }
        }
    }
}
