using AmpsDevice.FirmwareHost.Sessions;
using AmpsDevice.FirmwareHost.Sessions.Steps;
using AmpsDevice.Protocol.Profiles;
using AmpsDevice.FirmwareHost.Sessions.Records;
using Microsoft.Data.Sqlite;

namespace AmpsDevice.Records.Tests;

/// <summary>The records file itself: its schema version, a damaged or newer file, plans, and <c>simulate --data</c>.</summary>
public class RecordFileTests
{
    [Fact]
    public void A_new_file_is_in_wal_mode_at_schema_version_1()
    {
        var data = RecordedSession.NewDataDirectory();
        using (new RecordStore(data))
        {
        }

        using var db = new SqliteConnection($"Data Source={RecordDatabase.PathIn(data)};Pooling=False");
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", cmd.ExecuteScalar());
        cmd.CommandText = "PRAGMA user_version;";
        Assert.Equal(1L, cmd.ExecuteScalar());
    }

    [Fact]
    public void A_damaged_file_is_refused_with_a_message_that_names_it_and_says_what_to_do()
    {
        var data = RecordedSession.NewDataDirectory();
        File.WriteAllBytes(RecordDatabase.PathIn(data), [.. Enumerable.Range(0, 8192).Select(i => (byte)(i * 37))]);
        var ex = Assert.Throws<RecordStoreException>(() => new RecordStore(data));
        Assert.Contains(RecordDatabase.PathIn(data), ex.Message);
        Assert.Contains("move it aside", ex.Message);
    }

    [Fact]
    public void A_file_from_a_newer_version_is_refused()
    {
        var data = RecordedSession.NewDataDirectory();
        using (var db = new SqliteConnection($"Data Source={RecordDatabase.PathIn(data)};Pooling=False"))
        {
            db.Open();
            using var cmd = db.CreateCommand();
            cmd.CommandText = "CREATE TABLE sessions(x); PRAGMA user_version=7;";
            cmd.ExecuteNonQuery();
        }

        var ex = Assert.Throws<RecordStoreException>(() => new RecordReader(data));
        Assert.Contains("newer version of ampsdevice (schema 7, this one knows 1)", ex.Message);
    }

    [Fact]
    public async Task Run_refuses_to_start_on_a_damaged_records_file_with_exit_2()
    {
        var data = RecordedSession.NewDataDirectory();
        File.WriteAllText(RecordDatabase.PathIn(data), "this is not a database, it is a note someone saved here by mistake");
        var r = await DeviceCli.RunAsync("run", "--simulate", "--data", data);
        Assert.Equal(2, r.Code);
        Assert.Contains("records.db: cannot be read as session records", r.Err);
    }

    [Fact]
    public async Task Simulate_with_data_gives_the_same_report_byte_for_byte_and_records_the_session()
    {
        var data = RecordedSession.NewDataDirectory();
        var plain = Path.Combine(data, "plain.json");
        var recorded = Path.Combine(data, "recorded.json");
        string[] common = ["simulate", "--profile", RecordedSession.Example("contract-example.json"), "--scenario", RecordedSession.Example("scenario-heater-stuck.json"), "--seed", "7"];
        Assert.Equal(3, (await DeviceCli.RunAsync([.. common, "--report", plain])).Code);
        Assert.Equal(3, (await DeviceCli.RunAsync([.. common, "--report", recorded, "--data", data])).Code);
        Assert.Equal(File.ReadAllText(plain), File.ReadAllText(recorded));

        // Run again into the same file: a second session, its id made unique.
        Assert.Equal(3, (await DeviceCli.RunAsync([.. common, "--data", data])).Code);
        using var reader = new RecordReader(data);
        Assert.Equal(["sim-7", "sim-7-2"], reader.Sessions().Select(s => s.SessionId));
        Assert.All(reader.Sessions(), s => Assert.Equal("safety-stop", s.Outcome));
    }

    [Fact]
    public async Task Simulate_with_an_unusable_data_folder_exits_2_before_anything_runs()
    {
        var data = RecordedSession.NewDataDirectory();
        File.WriteAllText(RecordDatabase.PathIn(data), "not a database");
        var r = await DeviceCli.RunAsync("simulate", "--profile", RecordedSession.Example("contract-example.json"), "--data", data);
        Assert.Equal(2, r.Code);
        Assert.StartsWith("--data: ", r.Err);
        Assert.Equal("", r.Out);
    }

    [Fact]
    public void A_session_started_from_a_plan_is_recorded_with_its_plan_and_level()
    {
        var data = RecordedSession.NewDataDirectory();
        RecordedSession.Run(data, RecordedSession.Example("contract-example.json"), """{ "events": [] }""", after: (run, _) =>
        {
            var profile = ProfileParser.ParseFile(RecordedSession.Example("warmth-vibration-level1.json"), run.Envelope).Value!;
            var runners = profile.Steps.Select(s => StepRunner.For(s, run.Loop.Shape)).ToArray();
            var start = run.Engine.Post(new SessionCommand.Start(CommandOrigin.Remote, "s-plan", "p-007", profile, runners) { PlanId = "plan-warmth", PlanLevel = 1 });
            run.TickFor(5);
            Assert.True(start.Result.Ok, start.Result.Error);
        });

        var session = RecordedSession.Load(data, "s-plan").Session;
        Assert.Equal(("p-007", "plan-warmth", 1), (session.PatientId, session.PlanId, session.PlanLevel));
        Assert.Null(RecordedSession.Load(data, "sim-5").Session.PlanId);
    }

    [Fact]
    public void A_session_gets_its_plan_and_level_and_an_unknown_session_is_an_error()
    {
        var data = RecordedSession.NewDataDirectory();
        var (_, id) = RecordedSession.Run(data, RecordedSession.Example("contract-example.json"), """{ "events": [] }""");
        using (var store = new RecordStore(data))
        {
            store.SetPlan(id, "plan-warmth", 3);
            Assert.Contains("s-none: no such session", Assert.Throws<RecordStoreException>(() => store.SetPlan("s-none", "plan-warmth", 1)).Message);
        }

        var session = RecordedSession.Load(data, id).Session;
        Assert.Equal(("plan-warmth", 3), (session.PlanId, session.PlanLevel));
    }
}
