using System.Globalization;
using AmpsDevice.FirmwareHost.Sessions.Records;
using AmpsDevice.Protocol.Messages;

namespace AmpsDevice.FirmwareHost.Cli;

/// <summary>
/// <c>ampsdevice sessions [--data DIR] [--patient ID]</c>: the recorded sessions, oldest first, one a line:
/// id, patient, profile, start (UTC), duration and outcome. Exit 2 when there are no records to read.
/// </summary>
public static class SessionsVerb
{
    private static readonly string[] Valued = ["data", "patient"];

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        var parsed = CliArguments.Parse(args, Valued, []);
        if (parsed.Positional.Count > 0)
        {
            throw new CliUsageException($"sessions takes no arguments ('{parsed.Positional[0]}')");
        }

        var patient = parsed.Value("patient");
        if (patient is not null && !PatientIds.IsPseudonymous(patient))
        {
            throw new CliUsageException($"--patient: must be {PatientIds.Rule}");
        }

        IReadOnlyList<SessionRecord> sessions;
        try
        {
            using var reader = new RecordReader(RecordsDirectory.From(parsed));
            sessions = reader.Sessions(patient);
        }
        catch (RecordStoreException ex)
        {
            stderr.WriteLine($"ampsdevice: {ex.Message}");
            return ExitCodes.BadInput;
        }

        stdout.WriteLine($"{"session",-24} {"patient",-12} {"started (UTC)",-17} {"duration",9} {"outcome",-12} profile");
        foreach (var s in sessions)
        {
            var duration = s.DurationS is { } d ? string.Create(CultureInfo.InvariantCulture, $"{(int)(d / 60)}:{d % 60:00}") : "-";
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{s.SessionId,-24} {s.PatientId,-12} {s.StartedAt:yyyy-MM-dd HH:mm} {duration,9} {s.Outcome,-12} {s.ProfileName}"));
        }

        if (sessions.Count == 0)
        {
            stdout.WriteLine(patient is null ? "(no sessions recorded)" : $"(no sessions recorded for {patient})");
        }

        return ExitCodes.Done;
    }
}
