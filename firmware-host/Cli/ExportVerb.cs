using System.Text;
using AmpsDevice.FirmwareHost.Sessions.Records;
using AmpsDevice.FirmwareHost.Sessions.Records.Export;

namespace AmpsDevice.FirmwareHost.Cli;

/// <summary>
/// <c>ampsdevice export &lt;sessionId&gt; [--data DIR] [--csv F.csv] [--json F.json] [--chart F.png|F.svg]</c>:
/// one session's record as samples CSV, the whole record as JSON, and a chart. Exit 2 for an unknown
/// session, no records, an output that cannot be written, or nothing asked for; nothing is written then.
/// </summary>
public static class ExportVerb
{
    private static readonly string[] Valued = ["data", "csv", "json", "chart"];

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        var parsed = CliArguments.Parse(args, Valued, []);
        if (parsed.Positional.Count != 1)
        {
            throw new CliUsageException(parsed.Positional.Count == 0
                ? "export needs a session id (list them with: ampsdevice sessions)"
                : $"export takes one session id, not {parsed.Positional.Count}");
        }

        var csv = parsed.Value("csv");
        var json = parsed.Value("json");
        var chart = parsed.Value("chart");
        if (csv is null && json is null && chart is null)
        {
            throw new CliUsageException("export needs at least one of --csv F.csv, --json F.json, --chart F.png|F.svg");
        }

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
            using var reader = new RecordReader(RecordsDirectory.From(parsed));
            export = reader.Load(parsed.Positional[0]);
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
                SessionCsv.Write(export.Samples, writer);
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
