using AmpsDevice.FirmwareHost.Sessions.Plans;
using AmpsDevice.Protocol.Plans;
using AmpsDevice.Protocol.Profiles;

namespace AmpsDevice.Control.Tests.Plans;

/// <summary>The device's plan store: what goes in comes out, writes are all or nothing, and a stored plan is checked again on every load.</summary>
public sealed class PlanStoreTests : IDisposable
{
    private readonly string _data = PlanFiles.NewDataDirectory();

    public void Dispose() => PlanFiles.Delete(_data);

    private PlanStore Store(ProfileEnvelope? envelope = null) => new(_data, envelope ?? ProfileEnvelope.Absolute());

    private static PlanSession Good(string id, int level) => new(id, new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero), level, PlanSessionEnd.Completed, 2, false);

    [Fact]
    public void A_plan_with_its_level_and_history_round_trips_through_a_new_store()
    {
        var plan = PlanFiles.Example;
        Store().Import(plan);
        Store().RecordSession("p-001", Good("s-1", 1));
        var (entry, error) = Store().RecordSession("p-001", Good("s-2", 1));

        var (record, loadError) = Store().Load("p-001");

        Assert.Null(error);
        Assert.Null(loadError);
        Assert.Equal(new PlanHistoryEntry("s-2", Good("s-2", 1).EndedAt, 1, 2, "completed", false, 2, "up",
            "up: 2 sessions in a row with pain at or below 3 and no stop"), entry);
        Assert.Equal(new PlanPosition(2, 0), record!.Position);
        Assert.Equal(["s-1", "s-2"], record.History.Select(h => h.SessionId));
        Assert.Equal(PlanJson.Serialize(plan), PlanJson.Serialize(record.Plan));
    }

    [Fact]
    public void Every_write_replaces_the_whole_file_by_rename_and_leaves_no_temporary_file()
    {
        Store().Import(PlanFiles.Example);
        Store().RecordSession("p-001", Good("s-1", 1));

        Assert.Equal(["p-001.json"], Directory.GetFiles(Path.Combine(_data, "plans")).Select(Path.GetFileName));
    }

    [Fact]
    public void A_half_written_temporary_file_left_by_a_power_cut_does_not_touch_the_stored_record()
    {
        Store().Import(PlanFiles.Example);
        Store().RecordSession("p-001", Good("s-1", 1));
        File.WriteAllText(Path.Combine(_data, "plans", "p-001.json.tmp"), "{\"schema\": \"amps.plan-rec"); // cut mid-write

        var (record, error) = Store().Load("p-001");
        Store().RecordSession("p-001", Good("s-2", 1)); // the next write simply replaces the leftover

        Assert.Null(error);
        Assert.Equal(new PlanPosition(1, 1), record!.Position);
        Assert.Equal(2, Store().Load("p-001").Record!.History.Count);
    }

    [Fact]
    public void A_damaged_record_an_unknown_patient_and_a_name_for_an_id_are_refusals_with_reasons_never_exceptions()
    {
        Directory.CreateDirectory(Path.Combine(_data, "plans"));
        File.WriteAllText(Path.Combine(_data, "plans", "p-009.json"), "{ this is not json");

        Assert.Contains("damaged", Store().Load("p-009").Error);
        Assert.Contains("no plan is stored", Store().Load("p-002").Error);
        Assert.Contains("pseudonymous", Store().Load("../etc/passwd").Error);
        Assert.Contains("pseudonymous", Store().Load("Anna Smith").Error);
    }

    [Fact]
    public void A_stored_plan_that_a_tightened_envelope_no_longer_allows_is_refused_rather_than_run()
    {
        Store().Import(PlanFiles.Example);

        var (record, error) = Store(ProfileEnvelope.Absolute().Tighten(padMaxTargetC: 38.0)).Load("p-001");

        Assert.Null(record);
        Assert.Contains("no longer fits", error);
        Assert.Contains("level 7 would break", error); // 38.2 °C
    }

    [Fact]
    public void Importing_a_new_plan_for_a_patient_starts_it_at_its_start_level_and_keeps_the_history()
    {
        Store().Import(PlanFiles.Example);
        Store().RecordSession("p-001", Good("s-1", 1));
        Store().RecordSession("p-001", Good("s-2", 1));

        var replaced = Store().Import(PlanFiles.Example with { StartLevel = 3, Name = "Second block" });

        Assert.Equal(new PlanPosition(3, 0), replaced.Position);
        Assert.Equal(2, Store().Load("p-001").Record!.History.Count);
        Assert.Equal("Second block", Store().Load("p-001").Record!.Plan.Name);
    }
}
