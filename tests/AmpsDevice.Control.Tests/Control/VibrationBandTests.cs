using AmpsDevice.Protocol.Envelope;

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
        var limits = LimitSet.Absolute.Tighten([(AbsoluteLimits.VibrationMinHz, 50.0), (AbsoluteLimits.VibrationMaxHz, 200.0)]);
        using var rig = new PadLoopRig(limits: limits);
        rig.Vibrate(0.3, askedHz);

        rig.Run(1); // one second: every sensor has read, nothing has tripped

        Assert.False(rig.Loop.Outputs.IsSafe);
        Assert.Equal(drivenHz, rig.Loop.Outputs.Vibration[0].FrequencyHz);
        Assert.Equal(0.3, rig.Loop.Outputs.Vibration[0].Amplitude);
    }
}
