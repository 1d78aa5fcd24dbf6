using System.Diagnostics;
using System.Net;

namespace AmpsDevice.Bench.Dashboard;

/// <summary>
/// The real dashboard, <c>ampsdashboard</c> as built for this configuration, in its own process against a broker,
/// on a free loopback port with a fresh data directory and one observer (who may watch, which is all the bench does).
/// </summary>
public sealed class DashboardProcess : IDisposable
{
    public const string User = "bench";
    public const string Password = "bench-password-1";

    private readonly Process _process;
    private readonly TempDirectory _data = new("amps-bench-dashboard");

    public DashboardProcess(string brokerUri)
    {
        Run(["users", "add", User, "--role", "observer", "--password-stdin", "--data", _data.Path], Password);
        var port = FreePort.Next();
        BaseUrl = $"http://127.0.0.1:{port}";
        _process = Start(["--urls", BaseUrl, "--contentRoot", Repository.PathOf("dashboard"), "--mqtt", brokerUri, "--data", _data.Path,
            $"--Dashboard:ClientId=bench-dashboard-{port}"]);
        WaitForHttp();
    }

    /// <summary>ampsdashboard.dll in the dashboard's own output folder (built before the bench: a project reference).</summary>
    public static string Dll
    {
        get
        {
            var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var path = Repository.PathOf("dashboard", "bin", framework.Parent!.Name, framework.Name, "ampsdashboard.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is not built (dotnet build dashboard -c {framework.Parent.Name})", path);
        }
    }

    public string BaseUrl { get; }

    public int Id => _process.Id;

    public void Dispose()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // already gone
        }

        _process.Dispose();
        _data.Dispose();
    }

    private static Process Start(string[] args, string? stdin = null)
    {
        var psi = new ProcessStartInfo("dotnet", ["exec", Dll, .. args])
        {
            UseShellExecute = false,
            RedirectStandardInput = stdin is not null,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start ampsdashboard");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (stdin is not null)
        {
            process.StandardInput.WriteLine(stdin);
            process.StandardInput.Close();
        }

        return process;
    }

    private static void Run(string[] args, string stdin)
    {
        using var process = Start(args, stdin);
        if (!process.WaitForExit(60_000) || process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ampsdashboard {string.Join(' ', args)} failed");
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
                throw new InvalidOperationException($"ampsdashboard exited with {_process.ExitCode} at start");
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
