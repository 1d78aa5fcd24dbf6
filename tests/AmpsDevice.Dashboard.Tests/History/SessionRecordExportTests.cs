using AmpsDevice.Dashboard.History;
using AmpsDevice.Dashboard.Storage;
using AmpsDevice.Protocol.Messages;
using AmpsDevice.Protocol.Records;
using Microsoft.Extensions.Time.Testing;
using static AmpsDevice.Dashboard.Tests.History.Messages;

namespace AmpsDevice.Dashboard.Tests.History;

/// <summary>A stored session exports in the formats of <c>ampsdevice export</c>: the device's own reader reads the JSON back.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SessionRecordExportTests(PostgresServer postgres)
{
    [Fact]
    public async Task The_json_export_reads_back_with_the_device_reader_and_the_csv_has_its_columns_and_one_row_per_sample()
    {
        using var db = await TestDatabase.CreateAsync(DatabaseEngine.Sqlite, postgres);
        await new HistoryWriter(db.Database).WriteAsync(
        [
            Session("dev-a", SessionState.Running, T0),
            Event("dev-a", EventKind.SessionStarted, T0),
            Telemetry("dev-a", "boot-1", 1, T0),
            Telemetry("dev-a", "boot-1", 2, T0.AddSeconds(1)),
            Event("dev-a", EventKind.PainRating, T0.AddSeconds(1.5), value: 4),
            Session("dev-a", SessionState.Completed, T0.AddSeconds(2)),
        ]);
        var detail = (await new HistoryQueries(db.Database, new FakeTimeProvider(T0.AddHours(1))).SessionAsync("dev-a", "s-1"))!;
        var record = SessionRecordExport.Build(detail);

        using var json = new MemoryStream();
        SessionRecordExport.WriteJson(record, json);
        json.Position = 0;
        var read = AmpsDevice.FirmwareHost.Sessions.Records.Export.SessionJson.Read(json)!;
        Assert.Equal(("amps.session-record/1", "s-1", "p-001", 3, "completed", 4), (read.Schema, read.Session.SessionId, read.Session.PatientId, read.Session.PlanLevel, read.Session.Outcome, read.Session.MaxPain));
        Assert.Equal(["t", "pad1.measuredC", "pad1.safetyC", "pad1.drive", "vib1.frequencyHz", "vib1.amplitude", "pressure1.forceN", "safe"], read.Samples.Columns);
        Assert.Equal(20, read.Samples.Rows.Count);
        Assert.Equal([4], read.PainRatings.Select(p => p.Value));

        var csv = Csv(record.Samples.Columns, record.Samples.Rows);
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("t,pad1.measuredC,pad1.safetyC,pad1.drive,vib1.frequencyHz,vib1.amplitude,pressure1.forceN,safe", lines[0]);
        Assert.Equal(21, lines.Length);
        Assert.Equal("0.1,33.1,33.1,0.2,100,0.3,4,0", lines[2]);

        // The samples as the device holds them (its SampleTable, read back from this export), written as `ampsdevice
        // export --csv` writes them: the same file, byte for byte.
        Assert.Equal(csv, Csv(read.Samples.Columns, read.Samples.Rows));
    }

    private static string Csv(IReadOnlyList<string> columns, IEnumerable<double[]> rows)
    {
        var writer = new StringWriter();
        SessionCsv.Write(columns, rows, writer);
        return writer.ToString();
    }
}
