using System.Diagnostics;
using AmpsDevice.Telemetry.Tests.Support;

namespace AmpsDevice.Telemetry.Tests;

public class AsyncApiTests
{
    /// <summary>
    /// docs/asyncapi.yaml passes the AsyncAPI CLI's validator (installed by tests/run into .tools/asyncapi).
    /// A missing CLI is a failure, not a skip: run tests/run, or `npm install --prefix .tools/asyncapi @asyncapi/cli@4.1.1`.
    /// </summary>
    [Fact]
    public async Task Asyncapi_document_is_valid()
    {
        var cli = Path.Combine(Repository.Root, ".tools", "asyncapi", "node_modules", ".bin", "asyncapi");
        Assert.True(File.Exists(cli), $"AsyncAPI CLI not installed at {cli}; tests/run installs it (npm install --prefix .tools/asyncapi @asyncapi/cli@4.1.1)");
        var psi = new ProcessStartInfo(cli, ["validate", Path.Combine(Repository.Root, "docs", "asyncapi.yaml"), "--fail-severity", "error"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Repository.Root,
        };
        psi.Environment["ASYNCAPI_METRICS"] = "false";
        psi.Environment["CI"] = "true";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await p.WaitForExitAsync(timeout.Token);
        Assert.True(p.ExitCode == 0, $"asyncapi validate failed ({p.ExitCode}):\n{await stdout}\n{await stderr}");
    }
}
