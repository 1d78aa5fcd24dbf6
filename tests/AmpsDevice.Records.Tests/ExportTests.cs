using System.Xml.Linq;
using AmpsDevice.FirmwareHost.Sessions.Records.Export;

namespace AmpsDevice.Records.Tests;

/// <summary><c>ampsdevice export</c>: CSV, JSON and the chart of a recorded session.</summary>
public class ExportTests
{
    private static readonly Lazy<string> Data = new(() =>
    {
        var data = RecordedSession.NewDataDirectory();
        RecordedSession.Run(data, RecordedSession.Example("contract-example.json"), """
            { "events": [ { "at": 10.0, "patient": "rate-pain", "value": 4 }, { "at": 40.0, "therapist": "pause" }, { "at": 45.0, "therapist": "resume" } ] }
            """);
        return data;
    });

    private static string Output(string name) => Path.Combine(RecordedSession.NewDataDirectory(), name);

    [Fact]
    public async Task Csv_has_the_contract_columns_and_one_row_per_sample()
    {
        var csv = Output("s.csv");
        var r = await DeviceCli.RunAsync("export", "sim-5", "--data", Data.Value, "--csv", csv);
        Assert.Equal(0, r.Code);
        var lines = File.ReadAllLines(csv);
        Assert.Equal("t,pad1.measuredC,pad1.safetyC,pad1.drive,pad2.measuredC,pad2.safetyC,pad2.drive,vib1.frequencyHz,vib1.amplitude,vib2.frequencyHz,vib2.amplitude,pressure1.forceN,pressure2.forceN,safe", lines[0]);
        var export = RecordedSession.Load(Data.Value, "sim-5");
        Assert.Equal(export.Samples.Rows.Count + 1, lines.Length);
        Assert.InRange(export.Samples.Rows.Count, (int)(export.Session.DurationS!.Value * 10) - 2, (int)(export.Session.DurationS!.Value * 10) + 22);
        Assert.All(lines.Skip(1), l => Assert.Equal(14, l.Split(',').Length));
    }

    [Fact]
    public async Task Json_round_trips_to_the_same_record()
    {
        var json = Output("s.json");
        Assert.Equal(0, (await DeviceCli.RunAsync("export", "sim-5", "--data", Data.Value, "--json", json)).Code);
        using var stream = File.OpenRead(json);
        var read = SessionJson.Read(stream)!;
        var original = RecordedSession.Load(Data.Value, "sim-5");
        Assert.Equal(original.Session, read.Session);
        Assert.Equal(original.Steps, read.Steps);
        Assert.Equal(original.Events, read.Events);
        Assert.Equal(original.PainRatings, read.PainRatings);
        Assert.Equal(original.Samples.Columns, read.Samples.Columns);
        Assert.Equal(original.Samples.Rows.Count, read.Samples.Rows.Count);
        Assert.Equal(original.Samples.Rows[100], read.Samples.Rows[100]);
        Assert.True(System.Text.Json.JsonElement.DeepEquals(original.Profile, read.Profile));
        Assert.Contains(read.Events, e => e.Kind == "session-paused");
    }

    [Fact]
    public async Task Png_chart_is_a_real_png_of_the_documented_size()
    {
        var png = Output("s.png");
        Assert.Equal(0, (await DeviceCli.RunAsync("export", "sim-5", "--data", Data.Value, "--chart", png)).Code);
        var bytes = File.ReadAllBytes(png);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        var width = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16));
        var height = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20));
        Assert.Equal((SessionChart.Width, SessionChart.Height), (width, height));
        Assert.True(bytes.Length > 20_000, $"only {bytes.Length} bytes: an empty chart?");
    }

    [Fact]
    public async Task Svg_chart_parses_as_xml_and_holds_the_panels_and_labels()
    {
        var svg = Output("s.svg");
        Assert.Equal(0, (await DeviceCli.RunAsync("export", "sim-5", "--data", Data.Value, "--chart", svg)).Code);
        var doc = XDocument.Load(svg);
        Assert.Equal("svg", doc.Root!.Name.LocalName);
        var text = File.ReadAllText(svg);
        Assert.True(text.Length > 50_000);
        foreach (var label in new[] { "Pad temperature", "Vibration", "Pressure", "Pain", "pause", "thermal" })
        {
            Assert.Contains(label, text);
        }
    }

    [Fact]
    public async Task Sessions_lists_the_session_and_filters_by_patient()
    {
        var all = await DeviceCli.RunAsync("sessions", "--data", Data.Value);
        Assert.Equal(0, all.Code);
        Assert.Contains("sim-5", all.Out);
        Assert.Contains("completed", all.Out);
        var other = await DeviceCli.RunAsync("sessions", "--data", Data.Value, "--patient", "p-404");
        Assert.Equal(0, other.Code);
        Assert.DoesNotContain("sim-5", other.Out);
        Assert.Contains("no sessions recorded for p-404", other.Out);
    }

    [Theory]
    [InlineData("unknown session", "s-nope: no such session")]
    [InlineData("no database", "no session records here")]
    [InlineData("missing folder", "the folder does not exist")]
    [InlineData("bad chart type", "must end in .png or .svg")]
    [InlineData("nothing asked", "at least one of --csv")]
    [InlineData("no id", "needs a session id")]
    [InlineData("unknown option", "unknown option --pdf")]
    public async Task Bad_input_exits_2_naming_the_problem(string problem, string message)
    {
        var empty = RecordedSession.NewDataDirectory();
        string[] args = problem switch
        {
            "unknown session" => ["export", "s-nope", "--data", Data.Value, "--csv", Output("x.csv")],
            "no database" => ["export", "sim-5", "--data", empty, "--csv", Output("x.csv")],
            "missing folder" => ["export", "sim-5", "--data", Data.Value, "--csv", Path.Combine(empty, "no", "x.csv")],
            "bad chart type" => ["export", "sim-5", "--data", Data.Value, "--chart", Output("x.pdf")],
            "nothing asked" => ["export", "sim-5", "--data", Data.Value],
            "no id" => ["export", "--data", Data.Value, "--csv", Output("x.csv")],
            _ => ["export", "sim-5", "--data", Data.Value, "--pdf", "x"],
        };
        var r = await DeviceCli.RunAsync(args);
        Assert.Equal(2, r.Code);
        Assert.Contains(message, r.Err);
    }

    [Fact]
    public async Task Sessions_without_a_database_or_with_a_bad_patient_id_exits_2()
    {
        var empty = RecordedSession.NewDataDirectory();
        var none = await DeviceCli.RunAsync("sessions", "--data", empty);
        Assert.Equal(2, none.Code);
        Assert.Contains("records.db: no session records here", none.Err);
        var bad = await DeviceCli.RunAsync("sessions", "--data", Data.Value, "--patient", "Jane Doe");
        Assert.Equal(2, bad.Code);
        Assert.Contains("--patient", bad.Err);
    }
}
