using System.Net;
using Xunit.Abstractions;

namespace AmpsDevice.Packaging.Tests;

/// <summary>
/// The packaged linux-arm64 <c>ampsdashboard</c>, one natively compiled executable, under Debian's user-mode emulator:
/// its user verbs store and read a user in its SQLite database (statements whose parameters are bound from argument
/// objects, which a natively compiled program must still find), and the server comes up against a broker and serves
/// its sign-in page from the packaged pages.
/// </summary>
[Collection(BuiltPackageCollection.Name)]
public sealed class DashboardArm64Tests(BuiltPackage package, ITestOutputHelper output)
{
    private const string Emulator = Arm64Emulator.Name;

    [Fact]
    public async Task The_packaged_dashboard_stores_a_user_and_serves_its_sign_in_page_on_arm64()
    {
        Arm64Emulator.Require();
        var root = package.Unpack();
        var directory = root.PathOf("/opt/ampsdashboard");
        var executable = Path.Combine(directory, "ampsdashboard");
        using var data = new TempDirectory("dashboard-arm64");

        using (var add = new ChildProcess(Emulator, [executable, "users", "add", "nurse", "--role", "observer", "--password-stdin", "--data", data.Path], "a-long-password"))
        {
            Assert.True(add.WaitForExit(TimeSpan.FromMinutes(2)) == 0, $"users add: {add.Output}");
        }

        using (var list = new ChildProcess(Emulator, [executable, "users", "list", "--data", data.Path]))
        {
            Assert.True(list.WaitForExit(TimeSpan.FromMinutes(2)) == 0, $"users list: {list.Output}");
            Assert.Contains(list.Lines, l => l.Contains("nurse", StringComparison.Ordinal) && l.Contains("observer", StringComparison.Ordinal));
        }

        using var broker = MosquittoBroker.Anonymous();
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        using var server = new ChildProcess(Emulator, [executable, "--urls", url, "--mqtt", broker.Uri, "--data", data.Path, "--contentRoot", directory]);
        await server.WaitForLineAsync("Now listening", TimeSpan.FromMinutes(4));
        using var http = new HttpClient();
        var login = await http.GetAsync(url + "/login");
        var page = await login.Content.ReadAsStringAsync();
        output.WriteLine($"under {Emulator}: /login {(int)login.StatusCode}, {page.Length} characters");
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains("name=\"username\"", page, StringComparison.Ordinal);
        Assert.Contains("name=\"password\"", page, StringComparison.Ordinal);
    }
}
