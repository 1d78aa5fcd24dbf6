using AmpsDevice.FirmwareHost.Hardware;
using AmpsDevice.Simulator.Faults;

namespace AmpsDevice.Hardware.Tests;

/// <summary>Every fault kind, seen through the real drivers and DeviceIo.</summary>
public class FaultInjectionTests
{
    private static ScenarioEvent Fault(string kind, string? target = null, double? value = null, double? duration = null) =>
        new(0, ScenarioCategory.Fault, kind, target, value, duration, "events[0]");

    private static void Heat(TestRig rig, int pad, double drive)
    {
        rig.Outputs.MasterEnable = true;
        rig.Outputs.Pads[pad] = new PadOutput { Enabled = true, Drive = drive };
    }

    [Fact]
    public void Sensor_stuck_freezes_the_reading_while_the_pad_warms()
    {
        using var rig = new TestRig();
        rig.Ticks(10);
        rig.Faults.Apply(Fault("sensor-stuck", "pad1"));
        rig.Tick();
        var frozen = rig.Sensors.Pads[0].ControlC.Value;
        var truthBefore = rig.Device.Pads[0].SurfaceC;
        Heat(rig, 0, 1);
        rig.Ticks(250); // 5 s of full heat
        Assert.True(rig.Device.Pads[0].SurfaceC > truthBefore + 1, "the pad really warmed");
        Assert.Equal(frozen, rig.Sensors.Pads[0].ControlC.Value, 6);
        Assert.True(rig.Sensors.Pads[0].ControlC.Ok);
        Assert.InRange(rig.Sensors.Pads[0].SafetyC.Value, rig.Device.Pads[0].SurfaceC - 0.5, rig.Device.Pads[0].SurfaceC + 0.5); // the safety NTC still tells the truth
    }

    [Fact]
    public void Sensor_offset_shifts_the_control_or_the_safety_reading()
    {
        using var rig = new TestRig();
        rig.Faults.Apply(Fault("sensor-offset", "pad1.control", 5));
        rig.Faults.Apply(Fault("sensor-offset", "pad2.safety", -3));
        rig.Faults.Apply(Fault("sensor-offset", "pressure1", 10));
        rig.Ticks(10);
        var d = rig.Device;
        Assert.Equal(d.Pads[0].SurfaceC + 5, rig.Sensors.Pads[0].ControlC.Value, 1);
        Assert.Equal(d.Pads[0].SurfaceC, rig.Sensors.Pads[0].SafetyC.Value, 1);
        Assert.Equal(d.Pads[1].SurfaceC - 3, rig.Sensors.Pads[1].SafetyC.Value, 1);
        Assert.Equal(d.Pads[1].SurfaceC, rig.Sensors.Pads[1].ControlC.Value, 1);
        Assert.InRange(rig.Sensors.Pressure[0].ForceN.Value, d.Pressure[0].ForceN + 9.5, d.Pressure[0].ForceN + 10.5);
    }

    [Fact]
    public void Sensor_noise_adds_scatter_of_about_that_size_and_is_seeded()
    {
        static double[] Run(int seed)
        {
            using var rig = new TestRig(seed);
            rig.Faults.Apply(Fault("sensor-noise", "pad1", 0.5));
            var values = new double[200];
            for (var i = 0; i < values.Length; i++)
            {
                rig.Tick();
                values[i] = rig.Sensors.Pads[0].ControlC.Value - rig.Device.Pads[0].SurfaceC;
            }

            return values;
        }

        var a = Run(7);
        var mean = a.Average();
        var sd = Math.Sqrt(a.Sum(v => (v - mean) * (v - mean)) / (a.Length - 1));
        Assert.InRange(sd, 0.35, 0.65);
        Assert.Equal(a, Run(7));
        Assert.NotEqual(a, Run(8));
    }

    [Fact]
    public void Control_sensor_disconnected_is_not_ok_and_counted()
    {
        using var rig = new TestRig();
        rig.Ticks(5);
        rig.Faults.Apply(Fault("sensor-disconnected", "pad1"));
        rig.Tick();
        Assert.False(rig.Sensors.Pads[0].ControlC.Ok);
        Assert.True(rig.Sensors.Pads[1].ControlC.Ok);
        Assert.True(rig.Sensors.FailedTransfers > 0);
        Assert.Equal("pad1.control (TMP117 @ i2c-1 0x48)", rig.Sensors.FirstFailure);
    }

    [Fact]
    public void Safety_ntc_disconnected_reads_open_circuit_and_is_not_ok()
    {
        using var rig = new TestRig();
        rig.Ticks(8);
        Assert.True(rig.Sensors.Pads[1].SafetyC.Ok);
        rig.Faults.Apply(Fault("sensor-disconnected", "pad2.safety"));
        rig.Ticks(4); // one full round of the safety ADC
        Assert.False(rig.Sensors.Pads[1].SafetyC.Ok);
        Assert.True(rig.Sensors.Pads[0].SafetyC.Ok);
        Assert.True(rig.Sensors.Pads[1].ControlC.Ok);
    }

    [Fact]
    public void Pressure_sensor_disconnected_loses_the_force_adc()
    {
        using var rig = new TestRig();
        rig.Ticks(4);
        rig.Faults.Apply(Fault("sensor-disconnected", "pressure1"));
        rig.Tick();
        Assert.False(rig.Sensors.Pressure[0].ForceN.Ok);
        Assert.Contains("force ADC", rig.Sensors.FirstFailure, StringComparison.Ordinal);
    }

    [Fact]
    public void I2c_bus_error_fails_transfers_for_its_duration_then_recovers()
    {
        using var rig = new TestRig();
        rig.Ticks(8);
        rig.Faults.Apply(Fault("i2c-bus-error", duration: 0.5));
        rig.Tick();
        Assert.True(rig.Sensors.FailedTransfers > 0);
        Assert.False(rig.Sensors.Pads[0].ControlC.Ok);
        Assert.True(rig.Sensors.Pads[0].SafetyC.Ok || rig.Sensors.Pads[0].SafetyC.TicksSinceFresh < 4); // the safety bus is separate
        rig.Ticks(25); // 0.5 s
        rig.Ticks(4);
        Assert.Equal(0, rig.Sensors.FailedTransfers);
        Assert.True(rig.Sensors.Pads[0].ControlC.Ok);
        Assert.True(rig.Sensors.Pressure[0].ForceN.Ok);
    }

    [Fact]
    public void Safety_bus_error_blinds_only_the_safety_adc()
    {
        using var rig = new TestRig();
        rig.Ticks(8);
        rig.Faults.Apply(Fault("i2c-bus-error", "i2c-3"));
        rig.Tick();
        Assert.Equal(1, rig.Sensors.FailedTransfers);
        Assert.False(rig.Sensors.Pads[0].SafetyC.Ok);
        Assert.False(rig.Sensors.Vibration[0].CurrentA.Ok);
        Assert.True(rig.Sensors.Pads[0].ControlC.Ok);
        Assert.StartsWith("safety ADC", rig.Sensors.FirstFailure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("heater-stuck-on", 12.0)]
    [InlineData("cooler-stuck-on", -12.0)]
    public void A_stuck_bridge_drives_full_whatever_it_is_told_while_the_rail_is_on(string kind, double volts)
    {
        using var rig = new TestRig();
        rig.Faults.Apply(Fault(kind, "pad1"));
        rig.Outputs.MasterEnable = true; // pad1 commanded off: disabled, drive 0
        rig.Tick();
        Assert.Equal(volts, rig.Device.BridgeVoltage(0), 6);
        Assert.Equal(0, rig.Device.BridgeVoltage(1));
        var before = rig.Device.Pads[0].SurfaceC;
        rig.Ticks(100);
        Assert.True(Math.Sign(rig.Device.Pads[0].SurfaceC - before) == Math.Sign(volts));
        rig.Io.DriveSafe(); // the master enable is the way out
        Assert.Equal(0, rig.Device.BridgeVoltage(0));
    }

    [Fact]
    public void Estop_reads_active_and_cuts_the_rail_even_with_master_enable_high()
    {
        using var rig = new TestRig();
        rig.Faults.Apply(Fault("heater-stuck-on", "pad2"));
        Heat(rig, 0, 1);
        rig.Tick();
        Assert.True(rig.Device.RailPowered);
        rig.Faults.Apply(Fault("estop"));
        rig.Tick();
        Assert.True(rig.Sensors.EStopActive);
        Assert.True(rig.Device.MasterEnable);
        Assert.False(rig.Device.RailPowered);
        Assert.Equal(0, rig.Device.BridgeVoltage(0));
        Assert.Equal(0, rig.Device.BridgeVoltage(1));
    }

    [Fact]
    public void Motor_stuck_on_shows_as_current_with_amplitude_zero()
    {
        using var rig = new TestRig();
        rig.Outputs.MasterEnable = true;
        rig.Ticks(8);
        Assert.Equal(0, rig.Sensors.Vibration[1].CurrentA.Value, 3);
        rig.Faults.Apply(Fault("motor-stuck-on", "vib2"));
        rig.Ticks(8);
        Assert.Equal(0, rig.Outputs.Vibration[1].Amplitude);
        Assert.InRange(rig.Sensors.Vibration[1].CurrentA.Value, 0.5, 1.0); // 50 % of 12 V into 8 Ω
        Assert.True(rig.Device.Vibration[1].AmplitudeFraction > 0.3);
        Assert.Equal(0, rig.Sensors.Vibration[0].CurrentA.Value, 3);
        rig.Outputs.SetSafe(); // the supervisor's answer: master enable low
        rig.Ticks(8);
        Assert.False(rig.Device.RailPowered);
        Assert.Equal(0, rig.Sensors.Vibration[1].CurrentA.Value, 3); // rail cut: no current
    }

    [Fact]
    public void Pressure_overload_jumps_the_force()
    {
        using var rig = new TestRig();
        rig.Faults.Apply(Fault("pressure-overload", "pressure2", 80));
        rig.Ticks(4);
        Assert.Equal(80, rig.Device.Pressure[1].ForceN, 3);
        Assert.InRange(rig.Sensors.Pressure[1].ForceN.Value, 78, 82);
    }

    [Fact]
    public void Loop_stall_makes_the_next_read_take_that_long()
    {
        using var rig = new TestRig();
        rig.Tick();
        rig.Faults.Apply(Fault("loop-stall", value: 250));
        var before = rig.Clock.GetTimestamp();
        rig.Io.Read(rig.Sensors);
        Assert.Equal(TimeSpan.FromMilliseconds(250), rig.Clock.GetElapsedTime(before));
    }

    [Fact]
    public void Press_stop_holds_the_patient_stop_input_then_releases()
    {
        using var rig = new TestRig();
        rig.Faults.Apply(new ScenarioEvent(0, ScenarioCategory.Patient, "press-stop", null, null, null, "events[0]"));
        rig.Tick();
        Assert.True(rig.Sensors.PatientStopActive);
        rig.Ticks(55);
        Assert.False(rig.Sensors.PatientStopActive);
    }

    [Fact]
    public void Withdraw_and_return_move_the_limb()
    {
        using var rig = new TestRig();
        rig.Ticks(10);
        var resting = rig.Sensors.Pressure[0].ForceN.Value;
        Assert.True(resting > 1);
        rig.Faults.Apply(new ScenarioEvent(0, ScenarioCategory.Patient, "withdraw", "pressure1", null, null, "events[0]"));
        rig.Ticks(25);
        Assert.True(rig.Sensors.Pressure[0].ForceN.Value < 0.3 * resting);
        rig.Faults.Apply(new ScenarioEvent(0, ScenarioCategory.Patient, "return", "pressure1", null, null, "events[0]"));
        rig.Ticks(50);
        Assert.True(rig.Sensors.Pressure[0].ForceN.Value > 0.7 * resting);
    }

    [Fact]
    public void Events_that_are_not_hardware_are_refused()
    {
        using var rig = new TestRig();
        Assert.Throws<ArgumentException>(() => rig.Faults.Apply(new ScenarioEvent(0, ScenarioCategory.Patient, "rate-pain", null, 4, null, "events[0]")));
        Assert.Throws<ArgumentException>(() => rig.Faults.Apply(new ScenarioEvent(0, ScenarioCategory.Therapist, "pause", null, null, null, "events[0]")));
    }
}
