using System.Reflection;
using AmpsDevice.Dashboard.Cli;
using AmpsDevice.Dashboard.Tests.Support;
using Microsoft.Data.Sqlite;

namespace AmpsDevice.Dashboard.Tests.Server;

/// <summary>
/// The command line as docs/dashboard.md describes it: help for every verb naming its options; an unknown verb or
/// option, a missing value or a missing required option refused with exit 2, the problem and the verb's usage, and no
/// server started; a refused user (bad role, no password) exit 1; without a verb the server starts, with ASP.NET Core's
/// options and configuration keys passed to its host.
/// </summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly string _data = TempDirectory.Create("dashboard-cli");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }

    public static TheoryData<string, string[]> VerbsAndTheirOptions => new()
    {
        { "", ["users", "history", "--mqtt", "--data", "--database", "--urls", "--environment", "--contentRoot", "--version", "--Section:Key=value"] },
        { "users", ["add", "list", "remove", "--data", "--database"] },
        { "users add", ["<NAME>", "--role", "therapist|observer", "--password-stdin", "--data", "--database"] },
        { "users list", ["--data", "--database"] },
        { "users remove", ["<NAME>", "--data", "--database"] },
        { "history", ["prune", "--data", "--database"] },
        { "history prune", ["--older-than", "AGE", "365d, 52w or 48h", "--dry-run", "--data", "--database"] },
    };

    [Theory]
    [MemberData(nameof(VerbsAndTheirOptions))]
    public async Task Help_of_every_verb_exits_0_and_names_its_verbs_and_options(string verb, string[] words)
    {
        foreach (var help in new[] { "--help", "-h", "help" })
        {
            if (help == "help" && verb.Contains(' ', StringComparison.Ordinal))
            {
                continue; // `help` is a word of the verbs that have subcommands
            }

            var (code, stdout, stderr, server) = await DashboardCliRunner.RunAsync("", [.. Words(verb), help]);

            Assert.Equal((0, "", null), (code, stderr, server));
            Assert.StartsWith($"usage: {string.Join(' ', new[] { "ampsdashboard", verb }.Where(w => w.Length > 0))}", stdout, StringComparison.Ordinal);
            Assert.All(words, word => Assert.Contains(word, stdout, StringComparison.Ordinal));
            Assert.Equal(1, stdout.Split('\n').Count(line => line.StartsWith("usage", StringComparison.OrdinalIgnoreCase)));
            Assert.DoesNotContain("Additional Arguments", stdout, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("usres list", "ampsdashboard: unknown verb 'usres'; did you mean 'users'?", "usage: ampsdashboard [users|history] [options]")]
    [InlineData("histroy prune", "ampsdashboard: unknown verb 'histroy'; did you mean 'history'?", "usage: ampsdashboard [users|history] [options]")]
    [InlineData("frobnicate", "ampsdashboard: unknown verb 'frobnicate'; expected users or history", "usage: ampsdashboard [users|history] [options]")]
    [InlineData("users ad cara", "users: unknown users subcommand 'ad'; did you mean 'add'?", "usage: ampsdashboard users <add|list|remove> [options]")]
    [InlineData("history purge", "history: unknown history subcommand 'purge'; did you mean 'prune'?", "usage: ampsdashboard history <prune> [options]")]
    [InlineData("users", "users needs a subcommand: add, list or remove", "usage: ampsdashboard users <add|list|remove> [options]")]
    [InlineData("history", "history needs a subcommand: prune", "usage: ampsdashboard history <prune> [options]")]
    public async Task An_unknown_or_missing_verb_exits_2_naming_it_with_the_usage(string words, string message, string usage) =>
        await AssertUsageErrorAsync(Words(words), message, usage);

    [Theory]
    [InlineData("", "ampsdashboard: unknown option --bogus", "usage: ampsdashboard [users|history] [options]")]
    [InlineData("--mqtt mqtt://h:1", "ampsdashboard: unknown option --bogus", "usage: ampsdashboard [users|history] [options]")]
    [InlineData("users list", "users list: unknown option --bogus", "usage: ampsdashboard users list [options]")]
    [InlineData("users add cara --role observer --password-stdin", "users add: unknown option --bogus", "usage: ampsdashboard users add <NAME> [options]")]
    [InlineData("users remove cara", "users remove: unknown option --bogus", "usage: ampsdashboard users remove <NAME> [options]")]
    [InlineData("history prune --older-than 365d", "history prune: unknown option --bogus", "usage: ampsdashboard history prune [options]")]
    public async Task An_unknown_option_exits_2_naming_it_with_the_verbs_usage(string words, string message, string usage) =>
        await AssertUsageErrorAsync([.. Words(words), "--bogus"], message, usage);

    [Fact]
    public async Task A_configuration_key_is_the_servers_only_and_an_unknown_option_under_a_verb() =>
        await AssertUsageErrorAsync(["users", "list", "--Dashboard:Mqtt=mqtt://h:1"], "users list: unknown option --Dashboard:Mqtt=mqtt://h:1", "usage: ampsdashboard users list [options]");

    [Theory]
    [InlineData("--mqtt", "ampsdashboard: --mqtt needs a value")]
    [InlineData("--urls", "ampsdashboard: --urls needs a value")]
    [InlineData("--data", "ampsdashboard: --data needs a value")]
    [InlineData("--Dashboard:StaleAfter", "ampsdashboard: --Dashboard:StaleAfter needs a value")]
    [InlineData("users list --data", "users list: --data needs a value")]
    [InlineData("users remove cara --database", "users remove: --database needs a value")]
    [InlineData("users add cara --password-stdin --role", "users add: --role needs a value")]
    [InlineData("history prune --dry-run --older-than", "history prune: --older-than needs a value")]
    public async Task An_option_without_its_value_exits_2_naming_it(string words, string message) =>
        await AssertUsageErrorAsync(Words(words), message, "usage: ampsdashboard");

    [Theory]
    [InlineData("users add cara", "users add needs --role therapist|observer and --password-stdin")]
    [InlineData("users add cara --role observer", "users add needs --role therapist|observer and --password-stdin")]
    [InlineData("users add cara --password-stdin", "users add needs --role therapist|observer and --password-stdin")]
    [InlineData("users add --role observer --password-stdin", "users add needs a user name: users add NAME --role therapist|observer --password-stdin")]
    [InlineData("users remove", "users remove needs a user name: users remove NAME")]
    [InlineData("users list extra", "users list: unexpected argument 'extra'")]
    [InlineData("history prune --dry-run", "history prune needs --older-than AGE")]
    [InlineData("history prune --older-than 1y", "history prune: --older-than: '1y' is not an age such as 365d, 52w or 48h")]
    [InlineData("--mqtt mqtt://h:1 --mqtt mqtt://h:2", "ampsdashboard: --mqtt is given twice")]
    [InlineData("--urlz http://127.0.0.1:5080", "ampsdashboard: unknown option --urlz")]
    [InlineData("--AllowedHosts=example.org", "ampsdashboard: unknown option --AllowedHosts=example.org")]
    public async Task A_missing_or_malformed_part_exits_2_naming_it(string words, string message) =>
        await AssertUsageErrorAsync(Words(words), message, "usage: ampsdashboard");

    [Fact]
    public async Task Version_prints_the_dashboards_version_and_exits_0()
    {
        var version = typeof(DashboardCli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

        var (code, stdout, stderr, server) = await DashboardCliRunner.RunAsync("", "--version");

        Assert.Equal((0, version, "", null), (code, stdout.Trim(), stderr, server));
    }

    [Fact]
    public async Task A_role_that_is_neither_therapist_nor_observer_is_refused_with_exit_1_and_no_user_is_added()
    {
        var (code, stdout, stderr, _) = await DashboardCliRunner.RunAsync("a-good-password\n", "users", "add", "cara", "--role", "admin", "--password-stdin", "--data", _data);

        Assert.Equal((1, ""), (code, stdout));
        Assert.Equal("role 'admin' is neither therapist nor observer", stderr.Trim());
        Assert.Equal("", (await DashboardCliRunner.RunAsync("", "users", "list", "--data", _data)).Out);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n")]
    [InlineData("\r\nsecond-line-password\n")]
    public async Task Password_stdin_with_no_password_on_the_first_line_is_refused_with_exit_1_and_no_user_is_added(string stdin)
    {
        var (code, stdout, stderr, _) = await DashboardCliRunner.RunAsync(stdin, "users", "add", "cara", "--role", "observer", "--password-stdin", "--data", _data);

        Assert.Equal((1, ""), (code, stdout));
        Assert.Equal("users add: no password: --password-stdin reads it from the first line of standard input, which was empty", stderr.Trim());
        Assert.Equal("", (await DashboardCliRunner.RunAsync("", "users", "list", "--data", _data)).Out);
    }

    [Fact]
    public async Task The_data_directory_may_be_given_before_or_after_the_verb()
    {
        Assert.Equal(0, (await DashboardCliRunner.RunAsync("a-good-password\n", "--data", _data, "users", "add", "cara", "--role", "observer", "--password-stdin")).Code);
        Assert.Equal(0, (await DashboardCliRunner.RunAsync("a-good-password\n", "users", "--data", _data, "add", "dan", "--role", "therapist", "--password-stdin")).Code);

        var (code, stdout, _, _) = await DashboardCliRunner.RunAsync("", "users", "list", "--data", _data);

        Assert.Equal(0, code);
        Assert.Equal(["cara\tobserver", "dan\ttherapist"], stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l[..l.LastIndexOf('\t')]));
    }

    [Fact]
    public async Task Without_a_verb_the_server_starts_with_the_hosts_options_and_configuration_keys_passed_through()
    {
        var hostArgs = await DashboardCliRunner.HostArgumentsAsync(
            "--urls", "http://127.0.0.1:5081", "--contentRoot", "dashboard", "--environment", "Development", "--Dashboard:ClientId=test-1",
            "--Logging:LogLevel:Default", "Debug", "--mqtt=mqtt://u:p@h:1883", "--database", "Host=db;Database=amps", "--data", "/var/lib/x");

        Assert.Equal(
            ["--Dashboard:ClientId=test-1", "--Logging:LogLevel:Default", "Debug", "--Dashboard:Mqtt=mqtt://u:p@h:1883", "--Dashboard:DataDirectory=/var/lib/x",
                "--Dashboard:Database=Host=db;Database=amps", "--urls", "http://127.0.0.1:5081", "--environment", "Development", "--contentRoot", "dashboard"],
            hostArgs);
        Assert.Empty(await DashboardCliRunner.HostArgumentsAsync());
    }

    private static async Task AssertUsageErrorAsync(string[] args, string message, string usage)
    {
        var (code, stdout, stderr, server) = await DashboardCliRunner.RunAsync("a-good-password\n", args);

        Assert.Equal((2, "", null), (code, stdout, server));
        Assert.Equal(message, stderr.Split('\n')[0]);
        Assert.StartsWith(usage, stderr.Split('\n')[1], StringComparison.Ordinal);   // one problem, then the usage
    }

    private static string[] Words(string words) => words.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
