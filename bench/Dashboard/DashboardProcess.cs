using System.Diagnostics;
using System.Net;
using AmpsDevice.Bench.Support;

namespace AmpsDevice.Bench.Dashboard;

/// <summary>
/// The real dashboard, <c>ampsdashboard</c> as published (Native AOT, <see cref="PublishedProgram.Dashboard"/>), in its
/// own process against a broker, on a free loopback port with a fresh data directory and one observer (who may watch,
/// which is all the bench does); with the runtime settings its installed unit gives it
/// (docs/deployment/ampsdashboard.service's <c>Environment=</c>), so that what the figures measure is what a clinic runs.
/// </summary>
public sealed class DashboardProcess : IDisposable
{
    public const string User = "bench";
    public const string Password = "bench-password-1";

    private readonly ChildProcess _process;
    private readonly TempDirectory _data = new("amps-bench-dashboard");

    private DashboardProcess(string executable, string brokerUri)
    {
        Run(executable, ["users", "add", User, "--role", "observer", "--password-stdin", "--data", _data.Path], Password);
        var port = FreePort.Next();
        BaseUrl = $"http://127.0.0.1:{port}";
        // Its content root is its own folder, as the unit's WorkingDirectory= makes it.
        _process = new ChildProcess(executable, ["--urls", BaseUrl, "--contentRoot", Path.GetDirectoryName(executable)!, "--mqtt", brokerUri, "--data", _data.Path,
            $"--Dashboard:ClientId=bench-dashboard-{port}"],
            // The unit reader checks units with systemd-analyze, so it is Linux's; so is everything the bench measures.
            environment: OperatingSystem.IsLinux() ? new DeploymentUnit("ampsdashboard").Environment() : null);
        WaitForHttp();
    }

    public string BaseUrl { get; }

    /// <summary>Publishes the dashboard (on first use in the bench process) and starts it; returns once it answers.</summary>
    public static DashboardProcess Start(string brokerUri) => new(PublishedProgram.Dashboard.Executable, brokerUri);

    public int Id => _process.Id;

    public void Dispose()
    {
        _process.Dispose();
        _data.Dispose();
    }

    private static void Run(string executable, string[] args, string stdin)
    {
        using var process = new ChildProcess(executable, args, stdin);
        var code = process.WaitForExit(TimeSpan.FromSeconds(60));
        if (code != 0)
        {
            throw new InvalidOperationException($"ampsdashboard {string.Join(' ', args)} exited {code}: {process.Tail()}");
        }
    }

    private void WaitForHttp()
    {
        using var http = new HttpClient();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"ampsdashboard exited with {_process.ExitCode} at start: {_process.Tail()}");
            }

            try
            {
                if (http.GetAsync(BaseUrl + "/login").Result.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (AggregateException)
            {
                // not listening yet
            }

            Thread.Sleep(200);
        }

        throw new TimeoutException("ampsdashboard did not answer within 60 s");
    }
}
