using System.CommandLine;
using System.Text;
using AmpsDevice.FirmwareHost.Sessions.Records;
using AmpsDevice.FirmwareHost.Sessions.Records.Export;
using AmpsDevice.Protocol.CommandLine;
using AmpsDevice.Protocol.Records;

namespace AmpsDevice.FirmwareHost.Cli;

/// <summary>
/// <c>ampsdevice export &lt;sessionId&gt; [--data DIR] [--csv F.csv] [--json F.json] [--chart F.png|F.svg]</c>:
/// one session's record as samples CSV, the whole record as JSON, and a chart. Exit 2 for an unknown
/// session, no records, an output that cannot be written, or nothing asked for; nothing is written then.
/// </summary>
public static class ExportVerb
{
    public const string Description =
        "Writes one session's record as samples CSV, the whole record as JSON, and a chart. " +
        "Nothing is written when the session, the records or an output folder is not there.";

    public static Command Command()
    {
        var command = new Command("export", Description);
        var session = CliOptions.Required(command, "sessionId", "The session to export (list them with: ampsdevice sessions)",
            "needs a session id (list them with: ampsdevice sessions)");
        var data = CliOptions.Value("--data", "DIR", "The device's data folder (default: the configuration's Device:DataDirectory, as run)");
        var csv = CliOptions.Value("--csv", "F.csv", "Write the session's samples as CSV");
        var json = CliOptions.Value("--json", "F.json", "Write the whole record (session, profile, steps, events, alarms, samples) as JSON");
        var chart = CliOptions.Value("--chart", "F.png|F.svg", "Draw the session's chart (PNG or SVG, by the file's extension)");
        command.Add(data);
        command.Add(csv);
        command.Add(json);
        command.Add(chart);
        command.Validators.Add(result =>
        {
            if (result.GetResult(csv) is null && result.GetResult(json) is null && result.GetResult(chart) is null)
            {
                result.AddError("needs at least one of --csv F.csv, --json F.json, --chart F.png|F.svg");
            }
        });
        command.SetAction(result => Export(
            result.GetRequiredValue(session),
            RecordsDirectory.From(result.GetValue(data)),
            (result.GetValue(csv), result.GetValue(json), result.GetValue(chart)),
            result.InvocationConfiguration.Output,
            result.InvocationConfiguration.Error));
        return command;
    }

    private static int Export(string sessionId, string dataDirectory, (string? Csv, string? Json, string? Chart) outputs, TextWriter stdout, TextWriter stderr)
    {
        var (csv, json, chart) = outputs;
        if (chart is not null && Path.GetExtension(chart).ToLowerInvariant() is not (".png" or ".svg"))
        {
            stderr.WriteLine($"--chart: {chart} must end in .png or .svg");
            return ExitCodes.BadInput;
        }

        foreach (var (option, path) in new[] { ("csv", csv), ("json", json), ("chart", chart) })
        {
            if (path is not null && Unwritable(path) is { } problem)
            {
                stderr.WriteLine($"--{option}: {path}: {problem}");
                return ExitCodes.BadInput;
            }
        }

        SessionExport export;
        try
        {
            using var reader = new RecordReader(dataDirectory);
            export = reader.Load(sessionId);
        }
        catch (RecordStoreException ex)
        {
            stderr.WriteLine($"ampsdevice: {ex.Message}");
            return ExitCodes.BadInput;
        }

        try
        {
            if (csv is not null)
            {
                using var writer = new StreamWriter(csv, append: false, new UTF8Encoding(false), 1 << 16);
                SessionCsv.Write(export.Samples.Columns, export.Samples.Rows, writer);
                stdout.WriteLine($"{csv}: {export.Samples.Rows.Count} samples");
            }

            if (json is not null)
            {
                using var stream = File.Create(json);
                SessionJson.Write(export, stream);
                stdout.WriteLine($"{json}: session, profile, {export.Steps.Count} steps, {export.Events.Count} events, {export.Alarms.Count} alarms, {export.Samples.Rows.Count} samples");
            }

            if (chart is not null)
            {
                SessionChart.Save(export, chart);
                stdout.WriteLine($"{chart}: chart of {export.Samples.Rows.Count} samples");
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"ampsdevice: could not write: {ex.Message}");
            return ExitCodes.BadInput;
        }

        return ExitCodes.Done;
    }

    private static string? Unwritable(string path)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is null || !Directory.Exists(dir))
        {
            return "the folder does not exist";
        }

        return Directory.Exists(path) ? "is a folder, not a file" : null;
    }
}
