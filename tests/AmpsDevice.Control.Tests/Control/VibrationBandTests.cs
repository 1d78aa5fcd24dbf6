using AmpsDevice.FirmwareHost.Cli;
using AmpsDevice.FirmwareHost.Control;
using AmpsDevice.FirmwareHost.Hardware.Simulated;
using AmpsDevice.FirmwareHost.Hosting;
using AmpsDevice.FirmwareHost.Safety;
using AmpsDevice.FirmwareHost.Sessions;
using AmpsDevice.Protocol.Envelope;
using AmpsDevice.Simulator;
using AmpsDevice.Simulator.Time;

namespace AmpsDevice.Control.Tests.Control;

/// <summary>The control loop keeps a vibration's frequency inside the band in force: the absolute limits as configuration tightened them.</summary>
public sealed class VibrationBandTests
{
    [Theory]
    [InlineData(250, 200)]
    [InlineData(10, 50)]
    [InlineData(120, 120)]
    public void A_frequency_outside_the_tightened_band_is_driven_at_its_edge(double askedHz, double drivenHz)
    {
        var clock = new VirtualTimeProvider();
        var opened = DeviceHardware.Open(SimulateVerb.LoadHardwareOptions(),
            valid => new SimulatedHardwareFactory(new SimulatedDevice(SimulatedHardwareFactory.LayoutFor(valid), clock, 1)), clock);
        using var io = opened.Io;
        var limits = LimitSet.Absolute.Tighten([(AbsoluteLimits.VibrationMinHz, 50.0), (AbsoluteLimits.VibrationMaxHz, 200.0)]);
        var core = new DeviceCore(io, clock, new ControlLoopOptions(), new SessionOptions(), limits, _ => new Vibration(askedHz));
        core.Loop.Start();

        for (var i = 0; i < 100; i++) // one second: every sensor has read, nothing has tripped
        {
            clock.Advance(TimeSpan.FromSeconds(core.Loop.PeriodS));
            core.Loop.Tick();
        }

        Assert.False(core.Loop.Outputs.IsSafe);
        Assert.Equal(drivenHz, core.Loop.Outputs.Vibration[0].FrequencyHz);
        Assert.Equal(0.3, core.Loop.Outputs.Vibration[0].Amplitude);
    }

    private sealed class Vibration(double frequencyHz) : IStimulusSource
    {
        public void Update(SafetyContext safety, SafetySupervisor supervisor, ReadOnlySpan<double> filteredForceN, StimulusTargets targets)
        {
            targets.PowerOn = true;
            targets.Vibration[0] = new VibrationTarget { Amplitude = 0.3, FrequencyHz = frequencyHz };
        }
    }
}
