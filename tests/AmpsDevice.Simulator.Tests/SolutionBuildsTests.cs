namespace AmpsDevice.Simulator.Tests;

public class SolutionBuildsTests
{
    [Fact]
    public void Virtual_clock_moves_only_when_advanced()
    {
        var clock = new AmpsDevice.Simulator.Time.VirtualTimeProvider();
        var before = clock.GetTimestamp();
        clock.Advance(TimeSpan.FromMilliseconds(10));
        Assert.Equal(TimeSpan.FromMilliseconds(10), clock.GetElapsedTime(before));
    }
}
