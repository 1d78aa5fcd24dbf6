using AmpsDevice.FirmwareHost.Hardware;
using AmpsDevice.Simulator;

namespace AmpsDevice.Hardware.Tests;

/// <summary>
/// The heartbeat that holds the actuator rails (docs/hardware.md): DeviceIo toggles it on every complete write, the
/// simulated charge pump and contactor drop both rails when the edges stop, whatever level the lines were left at.
/// </summary>
public sealed class HeartbeatTests
{
    private static readonly TimeSpan Millisecond = TimeSpan.FromMilliseconds(1);

    private static TestRig Heating()
    {
        var rig = new TestRig();
        rig.Outputs.MasterEnable = true;
        rig.Outputs.Pads[0] = new PadOutput { Enabled = true, Drive = 1 };
        rig.Outputs.Vibration[0] = new VibrationOutput { FrequencyHz = 120, Amplitude = 1 };
        return rig;
    }

    [Fact]
    public void Every_complete_write_is_one_edge_on_the_heartbeat_and_the_rail_holds_while_they_come()
    {
        using var rig = Heating();
        var pin = rig.Options.HeartbeatPin;
        var level = rig.Device.Gpio.IsHigh(pin);
        for (var tick = 0; tick < 100; tick++)
        {
            rig.Clock.Advance(TimeSpan.FromMilliseconds(10));
            rig.Io.Read(rig.Sensors);
            Assert.Equal(0, rig.Io.Write(rig.Outputs));
            Assert.NotEqual(level, level = rig.Device.Gpio.IsHigh(pin));
            Assert.True(rig.Device.RailPowered);
            Assert.Equal(12.0, rig.Device.BridgeVoltage(0), 6);
        }
    }

    [Fact]
    public void A_killed_process_leaves_the_master_enable_high_and_the_rail_still_drops_within_250_ms()
    {
        using var rig = Heating();
        rig.Ticks(50, 0.01);
        Assert.True(rig.Device.RailPowered);

        // SIGKILL: no more writes, nothing driven safe, the lines stay where they were (the Pi's kernel keeps them).
        var droppedAfter = DropTime(rig);
        Assert.True(rig.Device.MasterEnable);
        Assert.InRange(droppedAfter, TimeSpan.FromMilliseconds(240), TimeSpan.FromSeconds(rig.Device.Layout.HeartbeatDropS));
        Assert.Equal(0.0, rig.Device.BridgeVoltage(0));

        // The simulated pad lost its power: it stops heating and cools back.
        var atDrop = rig.Device.Pads[0].SurfaceC;
        rig.Clock.Advance(TimeSpan.FromSeconds(30));
        rig.Device.Sync();
        Assert.True(rig.Device.Pads[0].SurfaceC < atDrop, $"{rig.Device.Pads[0].SurfaceC:F2} °C after 30 s, {atDrop:F2} °C at the drop");
        Assert.Equal(0.0, rig.Device.Vibration[0].CurrentA);
    }

    [Fact]
    public void A_hung_loop_drops_the_rail_and_the_next_complete_tick_brings_it_back()
    {
        using var rig = Heating();
        rig.Ticks(20, 0.01);

        // The loop hangs 400 ms (longer than the drop time): no tick completes, so no edge.
        var droppedAfter = DropTime(rig, TimeSpan.FromMilliseconds(400));
        Assert.InRange(droppedAfter, TimeSpan.FromMilliseconds(240), TimeSpan.FromMilliseconds(250));
        Assert.False(rig.Device.RailPowered);

        rig.Tick(0.01);
        Assert.True(rig.Device.RailPowered);
    }

    [Fact]
    public void A_write_that_fails_is_no_edge_and_driving_safe_stops_the_heartbeat_low()
    {
        using var rig = Heating();
        rig.Ticks(5, 0.01);
        var pin = rig.Options.HeartbeatPin;

        // The PCA9685 stops answering: a bridge output fails, the tick is not complete, the heartbeat keeps its level.
        var level = rig.Device.Gpio.IsHigh(pin);
        rig.Device.MainBus.SetDisconnected(rig.Options.PwmControllerAddress, true);
        rig.Outputs.Pads[0] = new PadOutput { Enabled = true, Drive = 0.5 };
        Assert.NotEqual(0, rig.Io.Write(rig.Outputs));
        Assert.Equal(level, rig.Device.Gpio.IsHigh(pin));

        rig.Io.DriveSafe();
        Assert.False(rig.Device.Gpio.IsHigh(pin));
        Assert.False(rig.Device.MasterEnable);
    }

    [Fact]
    public void The_device_map_and_the_simulator_put_the_heartbeat_on_GPIO26()
    {
        var options = TestRig.LoadAppSettings();
        Assert.Equal(26, options.HeartbeatPin);
        Assert.Equal(SimulatedDeviceLayout.Default.HeartbeatPin, options.HeartbeatPin);
        Assert.Equal(SimulatedDeviceLayout.Default.RailMonitorPin, options.RailMonitorPin);
        Assert.Equal(0.25, SimulatedDeviceLayout.Default.HeartbeatDropS);
    }

    /// <summary>Advances 1 ms at a time (up to <paramref name="limit"/>, 1 s by default) until the rail is off; how long that took.</summary>
    private static TimeSpan DropTime(TestRig rig, TimeSpan? limit = null)
    {
        var elapsed = TimeSpan.Zero;
        var end = limit ?? TimeSpan.FromSeconds(1);
        var dropped = TimeSpan.MaxValue;
        while (elapsed < end)
        {
            rig.Clock.Advance(Millisecond);
            elapsed += Millisecond;
            rig.Device.Sync();
            if (!rig.Device.RailPowered && dropped == TimeSpan.MaxValue)
            {
                dropped = elapsed;
                if (limit is null)
                {
                    break;
                }
            }
        }

        Assert.True(dropped != TimeSpan.MaxValue, $"the rail still held after {end.TotalMilliseconds} ms without a heartbeat");
        return dropped;
    }
}
