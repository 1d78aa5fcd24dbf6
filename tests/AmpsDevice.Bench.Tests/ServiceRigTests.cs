using AmpsDevice.Bench.Support;
using AmpsDevice.Simulator.Time;

namespace AmpsDevice.Bench.Tests;

/// <summary>
/// The tick, lateness and tick-rate figures measure the service's own composition stepped on virtual time
/// (<see cref="ServiceRig"/>); it must compose and run there, or those figures are not measured at all.
/// </summary>
public sealed class ServiceRigTests
{
    [Fact]
    public void The_service_composition_runs_on_virtual_time_with_every_channel_active()
    {
        var clock = new VirtualTimeProvider();
        using var rig = new ServiceRig(time: clock, seed: 1);
        rig.Loop.Start();
        _ = rig.PostEveryChannelSession();
        var period = TimeSpan.FromSeconds(rig.Loop.PeriodS);

        var activeTicks = 0;
        for (var i = 0; i < 27_000; i++)
        {
            clock.Advance(period);
            rig.Loop.Tick();
            activeTicks += ChannelActivity.EveryChannelActive(rig.Loop) ? 1 : 0;
        }

        // The first 270 s of the every-channel profile, what the tick figure measures: its every-channel step holds every
        // pad, tactor and press active for part of it.
        Assert.True(activeTicks > 0, "no tick with every channel active in 270 s of the every-channel session");
    }
}
