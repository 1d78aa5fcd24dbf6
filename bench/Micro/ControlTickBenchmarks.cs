using System.Diagnostics.CodeAnalysis;
using AmpsDevice.Bench.Support;
using AmpsDevice.Simulator.Time;
using BenchmarkDotNet.Attributes;

namespace AmpsDevice.Bench.Micro;

/// <summary>One control tick on the service's composition (simulated device), every channel active, and the supervisor alone.</summary>
[MemoryDiagnoser]
[SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet disposes in [GlobalCleanup]")]
public class ControlTickBenchmarks
{
    private VirtualTimeProvider _clock = null!;
    private ServiceRig _rig = null!;
    private TimeSpan _period;

    [GlobalSetup]
    public void Setup()
    {
        _clock = new VirtualTimeProvider();
        _rig = new ServiceRig(time: _clock);
        _rig.Loop.Start();
        _ = _rig.PostEveryChannelSession();
        _period = TimeSpan.FromSeconds(_rig.Loop.PeriodS);
        for (var i = 0; i < 300; i++)
        {
            Tick();
        }

        if (!ChannelActivity.EveryChannelActive(_rig.Loop))
        {
            throw new InvalidOperationException("the every-channel session is not driving every channel");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _rig.Dispose();

    /// <summary>Read, supervisor, session, controllers, gate, write, observers; the simulator's physics included.</summary>
    [Benchmark]
    public void Tick()
    {
        _clock.Advance(_period);
        _rig.Loop.Tick();
    }

    /// <summary>Every rule on the last tick's evidence, the clock moved on by one period.</summary>
    [Benchmark]
    public bool Supervisor()
    {
        var safety = _rig.Loop.Safety;
        safety.TimeS += _rig.Loop.PeriodS;
        safety.TickNumber++;
        return _rig.Loop.Supervisor.Evaluate(safety);
    }
}
