using AmpsDevice.Dashboard.Audit;
using AmpsDevice.Dashboard.Storage;
using AmpsDevice.Dashboard.Tests.Support;
using AmpsDevice.Dashboard.Users;
using Microsoft.Data.Sqlite;

namespace AmpsDevice.Dashboard.Tests.Server;

public sealed class StorageTests : IDisposable
{
    private readonly string _dir = TempDirectory.Create("dashboard-db");
    private readonly Database _database;

    public StorageTests() => _database = new Database(_dir);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Migrations_run_once_each_in_order()
    {
        Assert.Equal(Migrations.Steps.Count, await Migrations.ApplyAsync(_database));
        Assert.Equal(0, await Migrations.ApplyAsync(_database));
        await using var connection = await _database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT group_concat(version) FROM (SELECT version FROM schema_migrations ORDER BY version)";
        Assert.Equal(string.Join(',', Migrations.Steps.Select(s => s.Version)), (string)(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task A_user_signs_in_only_with_the_right_password_which_is_stored_hashed()
    {
        await Migrations.ApplyAsync(_database);
        var users = new UserStore(_database);
        Assert.Null(await users.AddAsync("anna", Roles.Therapist, "long-enough-1"));
        Assert.Equal("user 'anna' exists already", await users.AddAsync("anna", Roles.Observer, "long-enough-2"));
        Assert.Contains("neither therapist nor observer", await users.AddAsync("ben", "admin", "long-enough-1"));
        Assert.Contains("shorter than 8", await users.AddAsync("ben", Roles.Observer, "short"));
        Assert.Contains("is not 1-64 characters", await users.AddAsync("<b>", Roles.Observer, "long-enough-1"));

        Assert.Equal(Roles.Therapist, (await users.VerifyAsync("anna", "long-enough-1"))?.Role);
        Assert.Null(await users.VerifyAsync("anna", "long-enough-2"));
        Assert.Null(await users.VerifyAsync("nobody", "long-enough-1"));

        await using var connection = await _database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT password_hash FROM users";
        var hash = (string)(await command.ExecuteScalarAsync())!;
        Assert.DoesNotContain("long-enough-1", hash);

        Assert.True(await users.RemoveAsync("anna"));
        Assert.Null(await users.VerifyAsync("anna", "long-enough-1"));
        Assert.Equal(0, await users.CountAsync());
    }

    [Fact]
    public async Task The_audit_lists_newest_first_and_by_device()
    {
        await Migrations.ApplyAsync(_database);
        var audit = new AuditLog(_database);
        var t = DateTimeOffset.Parse("2026-01-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        await audit.RecordAsync(t, "anna", "dev-1", "session.start", "patient p-001", true, """{"ok":true}""");
        await audit.RecordAsync(t.AddSeconds(5), "anna", "dev-2", "fault.ack", "", false, """{"ok":false,"error":"the E-stop is pressed"}""");
        var all = await audit.ListAsync(null, 10);
        Assert.Equal(["fault.ack", "session.start"], all.Select(a => a.Command));
        Assert.False(all[0].Ok);
        Assert.Contains("the E-stop is pressed", all[0].Reply);
        Assert.Equal(t, all[1].At);
        var one = Assert.Single(await audit.ListAsync("dev-1", 10));
        Assert.Equal(("anna", "patient p-001"), (one.User, one.PayloadSummary));
    }

    [Fact]
    public async Task The_users_command_adds_lists_and_removes_with_its_exit_codes()
    {
        var data = new[] { "--data", _dir };
        var output = new StringWriter();
        var errors = new StringWriter();
        Assert.Equal(0, await DashboardCliRunner.RunAsync(["users", "add", "cara", "--role", "observer", "--password-stdin", .. data], new StringReader("a-good-password\n"), output, errors));
        Assert.Equal(1, await DashboardCliRunner.RunAsync(["users", "add", "cara", "--role", "observer", "--password-stdin", .. data], new StringReader("a-good-password\n"), output, errors));
        Assert.Equal(2, await DashboardCliRunner.RunAsync(["users", "add", "dan", .. data], new StringReader(""), output, errors));
        Assert.Equal(0, await DashboardCliRunner.RunAsync(["users", "list", .. data], new StringReader(""), output, errors));
        Assert.Contains("cara\tobserver", output.ToString());
        Assert.Equal(0, await DashboardCliRunner.RunAsync(["users", "remove", "cara", .. data], new StringReader(""), output, errors));
        Assert.Equal(1, await DashboardCliRunner.RunAsync(["users", "remove", "cara", .. data], new StringReader(""), output, errors));
        Assert.Contains("no user 'cara'", errors.ToString());
    }
}
