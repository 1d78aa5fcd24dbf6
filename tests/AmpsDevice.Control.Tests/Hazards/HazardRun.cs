using AmpsDevice.FirmwareHost.Cli;
using AmpsDevice.FirmwareHost.Sessions;
using AmpsDevice.FirmwareHost.Simulation;
using AmpsDevice.Protocol.Messages;
using AmpsDevice.Protocol.Profiles;
using AmpsDevice.Simulator.Faults;

namespace AmpsDevice.Control.Tests.Hazards;

/// <summary>
/// One hazard played out as <c>simulate</c> plays it: a whole session on the simulated device through the
/// real drivers, supervisor, controllers and session engine, with a scenario's events at their times. After
/// the session it tries to start another one, to show whether the alarm blocks it.
/// </summary>
internal static class HazardRun
{
    /// <summary>Heats pad1 to 40 °C at 1 °C/s and holds it 120 s.</summary>
    public const string HeatPad1 = """
        { "schema": "amps.profile/1", "name": "hazard: heat", "painStopAt": 8,
          "steps": [ { "kind": "thermal", "pad": "pad1", "targetC": 40.0, "rampCPerS": 1.0, "holdS": 120 } ] }
        """;

    /// <summary>Heats pad1 to the highest target a profile may ask, 42 °C, and holds it 120 s.</summary>
    public const string HeatPad1ToMax = """
        { "schema": "amps.profile/1", "name": "hazard: heat to 42", "painStopAt": 8,
          "steps": [ { "kind": "thermal", "pad": "pad1", "targetC": 42.0, "rampCPerS": 1.0, "holdS": 120 } ] }
        """;

    /// <summary>Heats pad1 to the highest target a profile may ask, 42 °C, at the fastest ramp, 2 °C/s (there at 5 s), and holds it 120 s.</summary>
    public const string HeatPad1ToMaxAtFastestRamp = """
        { "schema": "amps.profile/1", "name": "hazard: heat to 42 at 2 °C/s", "painStopAt": 8,
          "steps": [ { "kind": "thermal", "pad": "pad1", "targetC": 42.0, "rampCPerS": 2.0, "holdS": 120 } ] }
        """;

    /// <summary>Cools pad1 to 20 °C at 1 °C/s and holds it 100 s.</summary>
    public const string CoolPad1 = """
        { "schema": "amps.profile/1", "name": "hazard: cool", "painStopAt": 8,
          "steps": [ { "kind": "thermal", "pad": "pad1", "targetC": 20.0, "rampCPerS": 1.0, "holdS": 100 } ] }
        """;

    /// <summary>Vibration on vib1 for 30 s, then 60 s of rest.</summary>
    public const string VibrateThenRest = """
        { "schema": "amps.profile/1", "name": "hazard: vibration", "painStopAt": 8,
          "steps": [ { "kind": "vibration", "channel": "vib1", "frequencyHz": 120, "amplitude": 0.5, "durationS": 30, "pattern": "continuous" },
                     { "kind": "rest", "durationS": 60 } ] }
        """;

    /// <summary>A guided press on pressure1 (10 N held 60 s) with warmth on pad1.</summary>
    public const string PressWithWarmth = """
        { "schema": "amps.profile/1", "name": "hazard: pressure", "painStopAt": 8,
          "steps": [ { "kind": "parallel", "steps": [
                       { "kind": "pressure", "channel": "pressure1", "targetN": 10, "toleranceN": 2, "holdS": 60 },
                       { "kind": "thermal", "pad": "pad1", "targetC": 38.0, "rampCPerS": 1.0, "holdS": 60 } ] } ] }
        """;

    /// <summary>A scenario with no events: the session as the profile runs it, or with a fault the test injects itself.</summary>
    public const string NoEvents = """{ "events": [] }""";

    public static async Task<HazardOutcome> RunAsync(string profileJson, string scenarioJson, int seed = 1, Action<SimulationRun>? arrange = null)
    {
        using var run = new SimulationRun(SimulateVerb.LoadHardwareOptions(), seed);
        var parsed = ProfileParser.Parse(profileJson, run.Envelope);
        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors));
        var scenario = Scenario.Parse(scenarioJson, run.Device.Layout);
        arrange?.Invoke(run);
        var report = run.Run(parsed.Value!, scenario);

        // Two more seconds: a stop button pressed at the end is released again (FaultInjector holds it 1 s).
        run.TickFor(2);

        var latched = run.Supervisor.Alarms.Active.Select(a => a.Rule).ToArray();
        var restart = run.Start(parsed.Value!, CommandOrigin.Scenario, "after", "sim-patient");
        for (var i = 0; i < 5 && !restart.IsCompleted; i++)
        {
            run.Tick();
        }

        Assert.True(restart.IsCompleted, "the session engine did not answer the second start");
        var second = await restart;
        return new HazardOutcome(report, latched, second);
    }
}

/// <summary>What a hazard run left: the report (physical truth included), the alarms latched at its end, and the answer to a second start.</summary>
internal sealed record HazardOutcome(SimulationReport Report, string[] LatchedRules, CommandResult SecondStart)
{
    /// <summary>The first safety event of the session (there must be one).</summary>
    public SafetyEventReport FirstTrip
    {
        get
        {
            Assert.NotEmpty(Report.SafetyEvents);
            return Report.SafetyEvents[0];
        }
    }

    public ChannelReport Channel(string name) => Report.Channels[name];
}

/// <summary>Does something to the simulated hardware a set time into the session (for faults the scenario
/// file has no word for), and remembers when it did, in session seconds.</summary>
internal sealed class AtSessionTime(SimulationRun run, double atS, Action<SimulationRun> action) : AmpsDevice.FirmwareHost.Control.ITickObserver
{
    private double _startedAtS = double.NaN;

    /// <summary>Session seconds at which the action ran (NaN until it has).</summary>
    public double DoneAtS { get; private set; } = double.NaN;

    public static AtSessionTime Attach(SimulationRun run, double atS, Action<SimulationRun> action)
    {
        var at = new AtSessionTime(run, atS, action);
        run.Loop.AddObserver(at);
        return at;
    }

    public void OnTick(in AmpsDevice.FirmwareHost.Control.TickView tick)
    {
        if (double.IsNaN(_startedAtS) && run.Engine.State != SessionState.Idle)
        {
            _startedAtS = tick.TimeS;
        }

        if (!double.IsNaN(_startedAtS) && double.IsNaN(DoneAtS) && tick.TimeS - _startedAtS >= atS - 1e-9)
        {
            action(run);
            DoneAtS = tick.TimeS - _startedAtS;
        }
    }
}

/// <summary>Drifts a sensor's offset steadily from a set time into the session: a calibration creeping away,
/// slower than any rate check notices.</summary>
internal sealed class DriftingOffset(SimulationRun run, double fromS, Func<SimulationRun, AmpsDevice.Simulator.Faults.SensorFault> sensor, double cPerS)
    : AmpsDevice.FirmwareHost.Control.ITickObserver
{
    private double _startedAtS = double.NaN;

    public static DriftingOffset Attach(SimulationRun run, double fromS, Func<SimulationRun, AmpsDevice.Simulator.Faults.SensorFault> sensor, double cPerS)
    {
        var drift = new DriftingOffset(run, fromS, sensor, cPerS);
        run.Loop.AddObserver(drift);
        return drift;
    }

    public void OnTick(in AmpsDevice.FirmwareHost.Control.TickView tick)
    {
        if (double.IsNaN(_startedAtS) && run.Engine.State != SessionState.Idle)
        {
            _startedAtS = tick.TimeS;
        }

        var t = tick.TimeS - _startedAtS;
        if (t >= fromS)
        {
            sensor(run).Offset = cPerS * (t - fromS);
        }
    }
}
