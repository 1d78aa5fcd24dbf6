namespace AmpsDevice.Control.Tests.Control;

/// <summary>
/// The control loop itself is what keeps the heartbeat going: a tick stalled longer than the heartbeat circuit's
/// drop time (a hung loop) loses the actuator rails in the middle of the stall; the next complete ticks bring the heartbeat back.
/// </summary>
public sealed class HeartbeatLoopStallTests
{
    [Fact]
    public void A_tick_stalled_past_the_drop_time_cuts_the_heating_pad_mid_stall()
    {
        using var rig = new PadLoopRig();
        rig.Target(40, 0.5);
        rig.Run(5);
        Assert.True(rig.Device.RailPowered);

        // The next main-bus transfer takes 600 ms: the tick that makes it hangs there.
        var volts = new List<(int AfterMs, double Volts)>();
        foreach (var afterMs in new[] { 50, 150, 230, 270, 350, 550 })
        {
            rig.Device.Schedule(TimeSpan.FromMilliseconds(afterMs), () => volts.Add((afterMs, rig.Device.Pads[0].Model.AppliedVoltage)));
        }

        rig.Device.MainBus.StallNextTransfer(TimeSpan.FromMilliseconds(600));
        rig.Run(0.01);

        Assert.Equal(6, volts.Count);
        Assert.All(volts.Where(v => v.AfterMs < 240), v => Assert.True(v.Volts > 0, $"pad1 at {v.Volts} V {v.AfterMs} ms into the stall"));
        Assert.All(volts.Where(v => v.AfterMs > 260), v => Assert.Equal(0.0, v.Volts));

        // Ticks complete again: the heartbeat is back (whether the rails are is the supervisor's call after a stall).
        rig.Run(0.05);
        Assert.True(rig.Device.HeartbeatAlive);
    }
}
