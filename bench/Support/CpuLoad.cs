using System.Diagnostics;

namespace AmpsDevice.Bench.Support;

/// <summary>
/// Busy child processes (<c>sh -c 'while :; do :; done'</c>), one per core by default, so the control loop's
/// lateness is measured with every core taken by someone else. Killed on dispose.
/// </summary>
public sealed class CpuLoad : IDisposable
{
    private readonly List<Process> _children = [];

    public CpuLoad(int processes)
    {
        for (var i = 0; i < processes; i++)
        {
            var psi = new ProcessStartInfo("sh", ["-c", "while :; do :; done"]) { UseShellExecute = false };
            _children.Add(Process.Start(psi) ?? throw new InvalidOperationException("could not start a load process (sh)"));
        }
    }

    public int Count => _children.Count;

    public void Dispose()
    {
        foreach (var child in _children)
        {
            try
            {
                child.Kill(entireProcessTree: true);
                child.WaitForExit(2000);
            }
            catch (InvalidOperationException)
            {
                // already gone
            }

            child.Dispose();
        }

        _children.Clear();
    }
}
