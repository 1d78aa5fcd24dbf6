using AmpsDevice.Dashboard.Audit;
using AmpsDevice.Dashboard.Storage;
using AmpsDevice.Dashboard.Users;

namespace AmpsDevice.Dashboard.Tests.History;

/// <summary>One data layer, two real engines: the same migrations and stores on SQLite and on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class EngineTests(PostgresServer postgres)
{
    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Migrations_apply_every_step_once_in_order_on_both_engines(DatabaseEngine engine)
    {
        using var db = await TestDatabase.CreateAsync(engine, postgres, migrate: false);
        Assert.Equal(engine, db.Database.Engine);
        Assert.Equal(Migrations.Steps.Count, await Migrations.ApplyAsync(db.Database));
        Assert.Equal(0, await Migrations.ApplyAsync(db.Database));

        await using var connection = await db.Database.OpenAsync();
        var versions = await connection.QueryAsync("SELECT version FROM schema_migrations ORDER BY version", r => r.Long(0));
        Assert.Equal(Migrations.Steps.Select(s => (long)s.Version), versions);
        foreach (var table in new[] { "users", "audit", "history_sessions", "history_states", "history_events", "history_telemetry", "history_status" })
        {
            Assert.Equal(0, await connection.ScalarAsync($"SELECT COUNT(*) FROM {table}"));
        }
    }

    [Fact]
    public async Task Dashboards_starting_together_on_one_postgres_apply_each_step_once()
    {
        var connectionString = postgres.CreateDatabase("together");
        var dashboards = Enumerable.Range(0, 4).Select(_ => new Database(connectionString, "unused")).ToList();
        try
        {
            var applied = await Task.WhenAll(dashboards.Select(d => Migrations.ApplyAsync(d)));
            Assert.Equal(Migrations.Steps.Count, applied.Sum());
        }
        finally
        {
            dashboards.ForEach(d => d.Dispose());
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Users_and_the_audit_work_on_both_engines(DatabaseEngine engine)
    {
        using var db = await TestDatabase.CreateAsync(engine, postgres);
        var users = new UserStore(db.Database);
        Assert.Null(await users.AddAsync("anna", Roles.Therapist, "long-enough-1"));
        Assert.Equal("user 'anna' exists already", await users.AddAsync("anna", Roles.Observer, "long-enough-2"));
        Assert.Equal(Roles.Therapist, (await users.VerifyAsync("anna", "long-enough-1"))?.Role);
        Assert.Equal(1, await users.CountAsync());

        var audit = new AuditLog(db.Database);
        var at = new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
        await audit.RecordAsync(at, "anna", "dev-a", "session.start", "p-001", ok: true, "{\"ok\":true}");
        await audit.RecordAsync(at.AddSeconds(5), "anna", "dev-b", "session.stop", "", ok: false, "{\"ok\":false}");
        var entries = await audit.ListAsync(null, 10);
        Assert.Equal(["session.stop", "session.start"], entries.Select(e => e.Command));
        Assert.Equal([false, true], entries.Select(e => e.Ok));
        Assert.Equal("dev-a", Assert.Single(await audit.ListAsync("dev-a", 10)).DeviceId);
    }

    [Theory]
    [InlineData("Data Source=/var/lib/ampsdashboard/history.db", DatabaseEngine.Sqlite)]
    [InlineData("Host=db.clinic.lan;Database=amps;Username=ampsdashboard;Password=x", DatabaseEngine.Postgres)]
    [InlineData("Server=10.0.0.5;Port=5433;Database=amps", DatabaseEngine.Postgres)]
    public void The_connection_string_chooses_the_engine(string connectionString, DatabaseEngine engine) =>
        Assert.Equal(engine, Database.EngineOf(connectionString));

    [Theory]
    [InlineData("Database=amps;Username=x")]
    [InlineData("Data Source=a.db;Host=b")]
    [InlineData("postgres://user@host/db")]
    public void A_connection_string_naming_no_engine_is_refused_with_what_is_expected(string connectionString)
    {
        var error = Assert.Throws<ArgumentException>(() => Database.EngineOf(connectionString));
        Assert.Contains("Dashboard:Database", error.Message);
    }
}
