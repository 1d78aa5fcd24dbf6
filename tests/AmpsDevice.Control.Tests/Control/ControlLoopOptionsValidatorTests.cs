using AmpsDevice.FirmwareHost.Control;

namespace AmpsDevice.Control.Tests.Control;

/// <summary>Each of the control loop's options at both ends of its range, and just beyond them.</summary>
public sealed class ControlLoopOptionsValidatorTests
{
    public static TheoryData<string, double> Edges => new()
    {
        { nameof(ControlLoopOptions.TickRateHz), 10 },
        { nameof(ControlLoopOptions.TickRateHz), 2000 },
        { nameof(ControlLoopOptions.RealTimePriority), 0 },
        { nameof(ControlLoopOptions.RealTimePriority), 99 },
        { nameof(ControlLoopOptions.ForceFilterS), 0.001 },
        { nameof(ControlLoopOptions.ForceFilterS), 1 },
        { nameof(ControlLoopOptions.MotorFullScaleCurrentA), 0.05 },
        { nameof(ControlLoopOptions.MotorFullScaleCurrentA), 5 },
    };

    public static TheoryData<string, double> Beyond => new()
    {
        { nameof(ControlLoopOptions.TickRateHz), 9.99 },
        { nameof(ControlLoopOptions.TickRateHz), 2000.01 },
        { nameof(ControlLoopOptions.RealTimePriority), -1 },
        { nameof(ControlLoopOptions.RealTimePriority), 100 },
        { nameof(ControlLoopOptions.ForceFilterS), 0.0009 },
        { nameof(ControlLoopOptions.ForceFilterS), 1.001 },
        { nameof(ControlLoopOptions.MotorFullScaleCurrentA), 0.049 },
        { nameof(ControlLoopOptions.MotorFullScaleCurrentA), 5.01 },
    };

    [Fact]
    public void The_defaults_pass()
    {
        var options = new ControlLoopOptions();

        Assert.True(new ControlLoopOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal((100.0, 40, 0.05, 0.667), (options.TickRateHz, options.RealTimePriority, options.ForceFilterS, options.MotorFullScaleCurrentA));
    }

    [Theory]
    [MemberData(nameof(Edges))]
    public void A_value_at_either_end_of_its_range_passes(string option, double value)
    {
        var result = new ControlLoopOptionsValidator().Validate(null, With(option, value));

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [MemberData(nameof(Beyond))]
    public void A_value_just_beyond_its_range_is_refused_naming_the_option(string option, double value)
    {
        var result = new ControlLoopOptionsValidator().Validate(null, With(option, value));

        Assert.True(result.Failed);
        Assert.Contains(option, result.FailureMessage, StringComparison.Ordinal);
    }

    private static ControlLoopOptions With(string option, double value)
    {
        var options = new ControlLoopOptions();
        switch (option)
        {
            case nameof(ControlLoopOptions.TickRateHz): options.TickRateHz = value; break;
            case nameof(ControlLoopOptions.RealTimePriority): options.RealTimePriority = (int)value; break;
            case nameof(ControlLoopOptions.ForceFilterS): options.ForceFilterS = value; break;
            default: options.MotorFullScaleCurrentA = value; break;
        }

        return options;
    }
}
