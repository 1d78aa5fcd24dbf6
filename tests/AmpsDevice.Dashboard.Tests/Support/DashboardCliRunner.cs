using AmpsDevice.Dashboard.Cli;

namespace AmpsDevice.Dashboard.Tests.Support;

/// <summary>
/// The <c>ampsdashboard</c> command line run in the test's own process. Without a verb it would start the server; here
/// the server is a stand-in that keeps the arguments the host would have been given and exits with <see cref="ServerExitCode"/>.
/// </summary>
public static class DashboardCliRunner
{
    public const int ServerExitCode = 42;

    public static async Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, TimeProvider? time = null) =>
        (await RunWithServerAsync(args, stdin, stdout, stderr, time)).Code;

    /// <summary>Exit code, stdout, stderr, and the server's arguments (null when the command line started no server).</summary>
    public static async Task<(int Code, string Out, string Err, string[]? HostArgs)> RunAsync(string stdin, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var (code, hostArgs) = await RunWithServerAsync(args, new StringReader(stdin), stdout, stderr, time: null);
        return (code, stdout.ToString(), stderr.ToString(), hostArgs);
    }

    /// <summary>The arguments the server's host is given for <paramref name="args"/>.</summary>
    public static async Task<string[]> HostArgumentsAsync(params string[] args)
    {
        var (code, _, err, hostArgs) = await RunAsync("", args);
        Assert.True(code == ServerExitCode && hostArgs is not null, $"exit {code}, no server started: {err}");
        return hostArgs!;
    }

    private static async Task<(int Code, string[]? HostArgs)> RunWithServerAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, TimeProvider? time)
    {
        string[]? hostArgs = null;
        var context = new CliContext(stdin, stdout, stderr, time ?? TimeProvider.System, given =>
        {
            hostArgs = given;
            return Task.FromResult(ServerExitCode);
        });
        var code = await DashboardCli.RunAsync(args, context);
        return (code, hostArgs);
    }
}
