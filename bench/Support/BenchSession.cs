using AmpsDevice.FirmwareHost.Cli;
using AmpsDevice.FirmwareHost.Control;
using AmpsDevice.FirmwareHost.Sessions;
using AmpsDevice.FirmwareHost.Simulation;
using AmpsDevice.Protocol.Profiles;

namespace AmpsDevice.Bench.Support;

/// <summary>
/// A <see cref="SimulationRun"/> (real drivers, supervisor, controllers and session engine on the simulated
/// device, in virtual time) that the bench steps one tick at a time, running the every-channel profile:
/// both pads, both tactors and guided pressure at once.
/// </summary>
public sealed class BenchSession : IDisposable
{
    public BenchSession(int seed = 1, double tickRateHz = 100)
    {
        Run = new SimulationRun(SimulateVerb.LoadHardwareOptions(), seed, new ControlLoopOptions { TickRateHz = tickRateHz });
        Profile = LoadProfile(Run.Envelope);
    }

    public SimulationRun Run { get; }

    public StimulusProfile Profile { get; }

    public ControlLoop Loop => Run.Loop;

    /// <summary>Starts the loop and the session (the start is carried out at the first tick after warm-up).</summary>
    public void Start()
    {
        Run.Loop.Start();
        _ = Run.Start(Profile, CommandOrigin.Scenario, "bench", "bench-patient");
    }

    /// <summary>Advances virtual time by one period and runs one tick.</summary>
    public void Step() => Run.Tick();

    /// <summary>Steps until <paramref name="seconds"/> of session time have passed.</summary>
    public void StepFor(double seconds) => Run.TickFor(seconds);

    public static StimulusProfile LoadProfile(ProfileEnvelope envelope)
    {
        var result = ProfileParser.ParseFile(RepoPaths.EveryChannelProfile, envelope);
        return result.Value ?? throw new InvalidOperationException($"{RepoPaths.EveryChannelProfile}: {string.Join("; ", result.Errors)}");
    }

    public void Dispose() => Run.Dispose();
}
