using AmpsDevice.FirmwareHost.Control;

namespace AmpsDevice.Control.Tests.Control;

public sealed class StimulusTargetsTests
{
    [Fact]
    public void There_is_one_target_per_channel()
    {
        var targets = new StimulusTargets(pads: 3, vibrationChannels: 2, pressureChannels: 1);

        Assert.Equal(3, targets.Pads.Length);
        Assert.Equal(2, targets.Vibration.Length);
        Assert.Single(targets.Pressure);
    }

    [Fact]
    public void Clear_turns_every_channel_off_and_the_power_with_them()
    {
        var targets = new StimulusTargets(2, 2, 2) { PowerOn = true };
        targets.Pads[1] = new PadTarget { Active = true, TargetC = 40, RampCPerS = 1 };
        targets.Vibration[1] = new VibrationTarget { Amplitude = 0.5, FrequencyHz = 100 };
        targets.Pressure[1] = new PressureTarget { Guided = true, TargetN = 5, ToleranceN = 1 };

        targets.Clear();

        Assert.False(targets.PowerOn);
        Assert.Equal(default, targets.Pads[1]);
        Assert.Equal(default, targets.Vibration[1]);
        Assert.Equal(default, targets.Pressure[1]);
    }
}
