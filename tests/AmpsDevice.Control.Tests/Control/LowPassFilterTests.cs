using AmpsDevice.FirmwareHost.Control;

namespace AmpsDevice.Control.Tests.Control;

public sealed class LowPassFilterTests
{
    [Fact]
    public void The_first_input_is_taken_as_it_is_then_each_step_moves_by_its_share_of_the_time_constant()
    {
        var filter = default(LowPassFilter);
        Assert.Equal(0, filter.Value);

        Assert.Equal(10, filter.Update(10, dtS: 0.1, timeConstantS: 0.3));
        Assert.Equal(10, filter.Value);

        // 0.1 s of a 0.3 s time constant: a quarter of the way to the input.
        Assert.Equal(12.5, filter.Update(20, dtS: 0.1, timeConstantS: 0.3));
        Assert.Equal(11.875, filter.Update(10, dtS: 0.1, timeConstantS: 0.3));
        Assert.Equal(11.875, filter.Value);
    }
}
