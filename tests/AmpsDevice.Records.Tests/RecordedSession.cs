using AmpsDevice.FirmwareHost.Cli;
using AmpsDevice.FirmwareHost.Sessions.Records;
using AmpsDevice.FirmwareHost.Simulation;
using AmpsDevice.Protocol.Profiles;
using AmpsDevice.Simulator.Faults;

namespace AmpsDevice.Records.Tests;

/// <summary>Runs a simulated session with records in a fresh data directory (the same wiring as <c>simulate --data</c>).</summary>
internal static class RecordedSession
{
    public static string Root => Repository.Root;

    public static string Example(string name) => Path.Combine(Root, "docs", "examples", name);

    public static string NewDataDirectory() => TempDirectory.Create("amps-records");

    /// <summary>Runs <paramref name="profile"/> with <paramref name="scenarioJson"/>; <paramref name="after"/> runs on the open recording once the session ended.</summary>
    public static (SimulationReport Report, string SessionId) Run(string data, string profile, string scenarioJson, int seed = 5,
        Action<SimulationRun, SimulationRecording>? after = null, Action<SimulationRun, SimulationRecording>? before = null)
    {
        using var run = new SimulationRun(SimulateVerb.LoadHardwareOptions(), seed);
        var parsed = ProfileParser.ParseFile(profile, run.Envelope);
        Assert.True(parsed.IsValid);
        using var recording = new SimulationRecording(run, data);
        before?.Invoke(run, recording);
        var report = run.Run(parsed.Value!, Scenario.Parse(scenarioJson, run.Device.Layout));
        after?.Invoke(run, recording);
        recording.Flush();
        return (report, $"sim-{seed}");
    }

    public static SessionExport Load(string data, string sessionId)
    {
        using var reader = new RecordReader(data);
        return reader.Load(sessionId);
    }
}
