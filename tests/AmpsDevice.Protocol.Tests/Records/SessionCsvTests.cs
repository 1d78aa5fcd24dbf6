using AmpsDevice.Protocol.Records;

namespace AmpsDevice.Protocol.Tests.Records;

/// <summary>The session CSV of docs/records.md, as <c>ampsdevice export --csv</c> and the dashboard's history write it.</summary>
public sealed class SessionCsvTests
{
    [Fact]
    public void Times_to_3_places_readings_to_4_safe_whole_a_missing_reading_empty_lines_ending_in_a_newline()
    {
        string[] columns = ["t", "pad1.measuredC", "pad1.safetyC", "pad1.drive", "vib1.frequencyHz", "vib1.amplitude", "pressure1.forceN", "safe"];
        double[][] rows =
        [
            [0, 33.123456, double.NaN, -0.25, 100, 0.3, 4.00001, 0],
            [0.1004, double.NaN, 41.99996, 1, 250.5, 0, double.PositiveInfinity, 1],
        ];
        var writer = new StringWriter();
        SessionCsv.Write(columns, rows, writer);
        Assert.Equal(
            "t,pad1.measuredC,pad1.safetyC,pad1.drive,vib1.frequencyHz,vib1.amplitude,pressure1.forceN,safe\n" +
            "0,33.1235,,-0.25,100,0.3,4,0\n" +
            "0.1,,42,1,250.5,0,,1\n",
            writer.ToString());
    }

    [Fact]
    public void No_samples_is_the_header_alone()
    {
        var writer = new StringWriter();
        SessionCsv.Write(["t", "safe"], [], writer);
        Assert.Equal("t,safe\n", writer.ToString());
    }
}
