using System.CommandLine;
using System.Globalization;
using AmpsDevice.FirmwareHost.Sessions.Records;
using AmpsDevice.Protocol.CommandLine;
using AmpsDevice.Protocol.Messages;

namespace AmpsDevice.FirmwareHost.Cli;

/// <summary>
/// <c>ampsdevice sessions [--data DIR] [--patient ID]</c>: the recorded sessions, oldest first, one a line:
/// id, patient, profile, start (UTC), duration and outcome. Exit 2 when there are no records to read.
/// </summary>
public static class SessionsVerb
{
    public const string Description = "Lists the recorded sessions, oldest first: id, patient, start (UTC), duration, outcome and profile.";

    public static Command Command()
    {
        var command = new Command("sessions", Description);
        var data = CliOptions.Value("--data", "DIR", "The device's data folder (default: the configuration's Device:DataDirectory, as run)");
        var patient = CliOptions.Value("--patient", "ID", "Only this patient's sessions (a pseudonymous id such as p-001)");
        patient.Validators.Add(result =>
        {
            if (result.Tokens is [{ Value: var id }] && !PatientIds.IsPseudonymous(id))
            {
                result.AddError($"--patient: must be {PatientIds.Rule}");
            }
        });
        command.Add(data);
        command.Add(patient);
        command.SetAction(result => List(
            RecordsDirectory.From(result.GetValue(data)),
            result.GetValue(patient),
            result.InvocationConfiguration.Output,
            result.InvocationConfiguration.Error));
        return command;
    }

    private static int List(string dataDirectory, string? patient, TextWriter stdout, TextWriter stderr)
    {
        IReadOnlyList<SessionRecord> sessions;
        try
        {
            using var reader = new RecordReader(dataDirectory);
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
