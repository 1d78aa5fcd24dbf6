using System.Device.I2c;
using AmpsDevice.FirmwareHost.Hardware;
using AmpsDevice.FirmwareHost.Hardware.Simulated;
using AmpsDevice.Simulator;

namespace AmpsDevice.Hardware.Tests;

public class DeviceIoTests
{
    private static void LeaveEverythingOn(SimulatedDevice device)
    {
        // A previous process crashed with the PCA9685 awake and both bridge channels at 100 %.
        var pca = device.OpenI2c(1, 0x40);
        pca.Write([0x00, 0x20]); // wake, AI
        pca.Write([0x06, 0x00, 0x10, 0x00, 0x00]); // LED0 full on
        pca.Write([0x0A, 0x00, 0x10, 0x00, 0x00]); // LED1 full on
        Assert.Equal(1, device.PwmController.DutyCycle(0));
    }

    [Fact]
    public void Construction_drives_every_output_safe()
    {
        using var rig = new TestRig(beforeOpen: LeaveEverythingOn);
        var d = rig.Device;
        Assert.False(d.MasterEnable);
        Assert.False(d.RailPowered);
        foreach (var pad in d.Pads)
        {
            Assert.False(d.Gpio.IsHigh(pad.Layout.EnablePin));
            Assert.Equal(0, d.PwmController.DutyCycle(pad.Layout.BridgePwmChannel));
        }

        foreach (var vib in d.Vibration)
        {
            Assert.Equal(0, vib.Pwm.EffectiveDutyCycle);
        }

        Assert.True(d.Gpio.IsOutput(24));
        Assert.InRange(d.PwmController.FrequencyHz, 1000, 1020); // prescale 5: 1017 Hz
    }

    [Fact]
    public void Outputs_are_made_safe_before_sensors_are_configured_even_when_a_sensor_is_missing()
    {
        var options = TestRig.LoadAppSettings();
        var device = new SimulatedDevice(SimulatedHardwareFactory.LayoutFor(options), new Simulator.Time.VirtualTimeProvider(), 1);
        LeaveEverythingOn(device);
        device.MainBus.SetDisconnected(0x49, true); // pad2's TMP117 does not answer
        var ex = Assert.Throws<DeviceIoException>(() => new DeviceIo(options, new SimulatedHardwareFactory(device)));
        Assert.Contains("pad2.control (TMP117 @ i2c-1 0x49)", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, device.PwmController.ProgrammedDutyCycle(0));
        Assert.Equal(0, device.PwmController.ProgrammedDutyCycle(1));
        Assert.False(device.MasterEnable);
        Assert.False(device.Gpio.IsOpen(24)); // released again; the pull-down holds it low
    }

    [Fact]
    public void Reads_every_sensor_close_to_the_truth()
    {
        using var rig = new TestRig();
        rig.Ticks(20);
        var s = rig.Sensors;
        for (var i = 0; i < 2; i++)
        {
            Assert.True(s.Pads[i].ControlC.Ok);
            Assert.Equal(rig.Device.Pads[i].SurfaceC, s.Pads[i].ControlC.Value, 1);
            Assert.True(s.Pads[i].SafetyC.Ok);
            Assert.InRange(s.Pads[i].SafetyC.Value, rig.Device.Pads[i].SurfaceC - 0.1, rig.Device.Pads[i].SurfaceC + 0.1);
            Assert.True(s.Pressure[i].ForceN.Ok);
            Assert.InRange(s.Pressure[i].ForceN.Value, rig.Device.Pressure[i].ForceN - 0.3, rig.Device.Pressure[i].ForceN + 0.3);
            Assert.True(s.Vibration[i].CurrentA.Ok);
            Assert.Equal(0, s.Vibration[i].CurrentA.Value, 3);
        }

        Assert.False(s.EStopActive);
        Assert.False(s.PatientStopActive);
        Assert.False(s.StartButtonPressed);
        Assert.Equal(0, s.FailedTransfers);
        Assert.Null(s.FirstFailure);
        Assert.Equal(rig.Clock.GetTimestamp(), s.Timestamp);
    }

    [Fact]
    public void A_control_sensor_is_no_reading_until_its_first_conversion_and_after_a_chip_reset()
    {
        using var rig = new TestRig();
        rig.Tick(0.010); // 10 ms: the TMP117's first 15.5 ms conversion is not done; its register holds −256 °C
        ref readonly var early = ref rig.Sensors.Pads[0].ControlC;
        Assert.False(early.Ok);
        Assert.False(early.Fresh);
        Assert.NotEqual(-256.0, early.Value);
        Assert.Contains("no conversion", rig.Sensors.FirstFailure, StringComparison.Ordinal);

        rig.Tick(0.010); // 20 ms: converted
        Assert.True(rig.Sensors.Pads[0].ControlC.Ok);
        Assert.Equal(rig.Device.Pads[0].SurfaceC, rig.Sensors.Pads[0].ControlC.Value, 1);

        // A brown-out resets the chip to its power-on configuration (1 s cycle) and −256 °C.
        rig.Device.OpenI2c(1, 0x48).Write([0x01, 0x00, 0x02]);
        for (var t = 0; t < 5; t++)
        {
            rig.Tick(0.010);
            Assert.False(rig.Sensors.Pads[0].ControlC.Ok);
            Assert.Equal(t + 1, rig.Sensors.Pads[0].ControlC.TicksSinceFresh);
            Assert.True(rig.Sensors.Pads[1].ControlC.Ok);
        }
    }

    [Fact]
    public void Control_sensors_are_fresh_every_tick_and_adc_channels_once_per_cycle()
    {
        using var rig = new TestRig();
        Assert.Equal(4, rig.Io.SafetyAdcCycleTicks);
        Assert.Equal(2, rig.Io.ForceAdcCycleTicks);
        rig.Ticks(8);
        var freshSafety = 0;
        for (var t = 0; t < 8; t++)
        {
            rig.Tick();
            Assert.True(rig.Sensors.Pads[0].ControlC.Fresh);
            freshSafety += rig.Sensors.Pads[0].SafetyC.Fresh ? 1 : 0;
            Assert.InRange(rig.Sensors.Pads[0].SafetyC.TicksSinceFresh, 0, 3);
        }

        Assert.Equal(2, freshSafety);
    }

    [Fact]
    public void Start_and_stop_buttons_read_through_their_wiring()
    {
        using var rig = new TestRig();
        rig.Device.StartButtonPressed = true;
        rig.Device.PatientStopPressed = true;
        rig.Tick();
        Assert.True(rig.Sensors.StartButtonPressed);
        Assert.True(rig.Sensors.PatientStopActive);
        rig.Device.StartButtonPressed = false;
        rig.Device.PatientStopPressed = false;
        rig.Tick();
        Assert.False(rig.Sensors.StartButtonPressed);
        Assert.False(rig.Sensors.PatientStopActive);
    }

    [Fact]
    public void A_broken_stop_cable_reads_active()
    {
        using var rig = new TestRig();
        rig.Device.Gpio.SetInput(rig.Options.PatientStopPin, null); // wire cut: the pull-up wins
        rig.Device.Gpio.SetInput(rig.Options.EStopPin, null);
        rig.Tick();
        Assert.True(rig.Sensors.PatientStopActive);
        Assert.True(rig.Sensors.EStopActive);
    }

    [Fact]
    public void Writes_drive_the_bridges_and_tactors_as_the_hardware_sees_them()
    {
        using var rig = new TestRig();
        rig.Outputs.MasterEnable = true;
        rig.Outputs.Pads[0] = new PadOutput { Enabled = true, Drive = 0.5 };
        rig.Outputs.Pads[1] = new PadOutput { Enabled = true, Drive = -1 };
        rig.Outputs.Vibration[0] = new VibrationOutput { FrequencyHz = 120, Amplitude = 1 };
        rig.Outputs.StatusLed = true;
        Assert.Equal(0, rig.Io.Write(rig.Outputs));
        var d = rig.Device;
        Assert.True(d.RailPowered);
        Assert.Equal(6.0, d.BridgeVoltage(0), 2);
        Assert.Equal(-12.0, d.BridgeVoltage(1), 2);
        Assert.Equal(120, d.Vibration[0].Pwm.Frequency);
        Assert.Equal(0.5, d.Vibration[0].Pwm.EffectiveDutyCycle, 9);
        Assert.True(d.StatusLed);
        rig.Clock.Advance(TimeSpan.FromSeconds(0.2));
        d.Sync();
        Assert.InRange(d.Vibration[0].AmplitudeFraction, 0.5, 1.0);
        Assert.Equal(120, d.Vibration[0].FrequencyHz);
        Assert.Equal(0, d.Vibration[1].AmplitudeFraction, 3);
    }

    [Fact]
    public void Unchanged_outputs_cause_no_i2c_traffic_but_enables_are_refreshed()
    {
        using var rig = new TestRig();
        rig.Outputs.MasterEnable = true;
        rig.Outputs.Pads[0] = new PadOutput { Enabled = true, Drive = 0.3 };
        rig.Io.Write(rig.Outputs);
        var transfers = rig.Device.MainBus.Transfers;
        rig.Io.Write(rig.Outputs);
        Assert.Equal(transfers, rig.Device.MainBus.Transfers);

        // Something outside (a glitch) drops the bridge enable: the next write restores it.
        rig.Device.Gpio.SetInput(22, null);
        var controller = rig.Device.Gpio; // the line is still ours: rewrite proves the refresh
        rig.Io.Write(rig.Outputs);
        Assert.True(controller.IsHigh(22));
        Assert.True(controller.IsHigh(24));
    }

    [Fact]
    public void A_disabled_or_unpowered_bridge_leaves_the_module_open_circuit_and_an_enabled_one_at_zero_duty_brakes()
    {
        using var rig = new TestRig();

        // The physics steps on the next read with what the last write left on the lines.
        void Settle() => rig.Ticks(2);
        Settle();
        Assert.True(rig.Device.Pads[0].Model.OpenCircuit); // start-up: asleep, rail off
        rig.Outputs.MasterEnable = true;
        rig.Outputs.Pads[0] = new PadOutput { Enabled = true, Drive = 0 };
        Settle();
        Assert.False(rig.Device.Pads[0].Model.OpenCircuit);
        Assert.Equal(0, rig.Device.Pads[0].Model.AppliedVoltage);
        rig.Outputs.Pads[0].Enabled = false;
        Settle();
        Assert.True(rig.Device.Pads[0].Model.OpenCircuit);
        Assert.Equal(0, rig.Device.Pads[0].Model.CurrentA);

        // A shorted bridge drives the module whatever its enable says, while the rail is live.
        rig.Faults.BridgeStuck("pad1", +1);
        Settle();
        Assert.False(rig.Device.Pads[0].Model.OpenCircuit);
        Assert.Equal(12, rig.Device.Pads[0].Model.AppliedVoltage, 3);
        rig.Outputs.SetSafe();
        Settle();
        Assert.True(rig.Device.Pads[0].Model.OpenCircuit);
    }

    [Fact]
    public void Disabling_a_pad_cuts_its_bridge_and_master_off_cuts_the_rail()
    {
        using var rig = new TestRig();
        rig.Outputs.MasterEnable = true;
        rig.Outputs.Pads[0] = new PadOutput { Enabled = true, Drive = 1 };
        rig.Io.Write(rig.Outputs);
        Assert.Equal(12, rig.Device.BridgeVoltage(0), 3);
        rig.Outputs.Pads[0].Enabled = false;
        rig.Io.Write(rig.Outputs);
        Assert.Equal(0, rig.Device.BridgeVoltage(0));
        rig.Outputs.SetSafe();
        rig.Io.Write(rig.Outputs);
        Assert.False(rig.Device.RailPowered);
        Assert.Equal(0, rig.Device.PwmController.DutyCycle(0));
    }

    [Fact]
    public void DriveSafe_is_idempotent_and_never_throws_even_when_writes_fail()
    {
        using var rig = new TestRig();
        rig.Outputs.MasterEnable = true;
        rig.Outputs.Pads[0] = new PadOutput { Enabled = true, Drive = 0.8 };
        rig.Outputs.Vibration[1] = new VibrationOutput { FrequencyHz = 200, Amplitude = 0.7 };
        rig.Io.Write(rig.Outputs);
        rig.Faults.BusError("i2c-1", null); // the PCA9685 can no longer be written
        rig.Io.DriveSafe();
        rig.Io.DriveSafe();
        var d = rig.Device;
        Assert.False(d.MasterEnable);
        Assert.False(d.Gpio.IsHigh(22));
        Assert.False(d.Gpio.IsHigh(23));
        Assert.Equal(0, d.Vibration[1].Pwm.EffectiveDutyCycle);
        Assert.Equal(0.8, d.PwmController.DutyCycle(0), 3); // the write failed...
        Assert.Equal(0, d.BridgeVoltage(0)); // ...but the pad gets nothing
        Assert.True(rig.Io.Write(rig.Outputs) > 0); // a write while the bus is down reports failures
    }

    [Fact]
    public void Dispose_releases_every_line_and_the_pulls_hold_outputs_off()
    {
        var rig = new TestRig();
        rig.Outputs.MasterEnable = true;
        rig.Outputs.Buzzer = true;
        rig.Io.Write(rig.Outputs);
        rig.Io.Dispose();
        rig.Io.Dispose();
        foreach (var pin in new[] { 24, 22, 23, 17, 27, 20, 21 })
        {
            Assert.False(rig.Device.Gpio.IsOpen(pin));
            Assert.False(rig.Device.Gpio.IsHigh(pin));
        }

        rig.Io.DriveSafe(); // after dispose: nothing, and no exception
        Assert.Throws<ObjectDisposedException>(() => rig.Io.Read(rig.Sensors));
    }

    [Fact]
    public void Read_and_write_allocate_nothing_in_steady_state()
    {
        using var rig = new TestRig();
        rig.Outputs.MasterEnable = true;
        rig.Outputs.Pads[0].Enabled = true;
        rig.Outputs.Vibration[0].FrequencyHz = 150;

        void Loop(int count)
        {
            for (var i = 0; i < count; i++)
            {
                rig.Outputs.Pads[0].Drive = (i % 7) / 10.0;
                rig.Outputs.Vibration[0].Amplitude = (i % 3) / 4.0;
                rig.Tick(0.01);
            }
        }

        Loop(200);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Loop(1000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void A_missing_bus_is_a_device_io_exception_that_says_which()
    {
        var device = new SimulatedDevice(SimulatedDeviceLayout.Default, new Simulator.Time.VirtualTimeProvider(), 1);
        var factory = new SimulatedHardwareFactory(device);
        var ex = Assert.Throws<DeviceIoException>(() => factory.OpenI2c(7, 0x48));
        Assert.Equal("i2c-7 0x48", ex.Device);
        Assert.Throws<DeviceIoException>(() => factory.OpenPwm(1, 0, 100, 0));
        I2cDevice open = factory.OpenI2c(1, 0x10); // nothing there: opening works, transfers fail, as on Linux
        Assert.Throws<IOException>(() => open.ReadByte());
    }

    [Fact]
    public void The_system_factory_names_what_to_enable_when_a_bus_is_absent()
    {
        if (File.Exists("/dev/i2c-9"))
        {
            return;
        }

        var ex = Assert.Throws<DeviceIoException>(() => new SystemHardwareFactory().OpenI2c(9, 0x48));
        Assert.Contains("/dev/i2c-9 does not exist", ex.Message, StringComparison.Ordinal);
        if (!File.Exists("/dev/i2c-1"))
        {
            Assert.Contains("dtparam=i2c_arm=on", new SystemHardwareFactory().TryOpen(1), StringComparison.Ordinal);
        }

        if (!File.Exists("/dev/i2c-3"))
        {
            Assert.Contains("dtoverlay=i2c3", new SystemHardwareFactory().TryOpen(3), StringComparison.Ordinal);
        }

        if (!Directory.Exists("/sys/class/pwm/pwmchip0"))
        {
            var pwm = Assert.Throws<DeviceIoException>(() => new SystemHardwareFactory().OpenPwm(0, 0, 100, 0));
            Assert.Contains("dtoverlay=pwm-2chan", pwm.Message, StringComparison.Ordinal);
        }
    }
}

internal static class SystemFactoryProbe
{
    public static string TryOpen(this SystemHardwareFactory factory, int bus)
    {
        try
        {
            factory.OpenI2c(bus, 0x48).Dispose();
            return "";
        }
        catch (DeviceIoException ex)
        {
            return ex.Message;
        }
    }
}
