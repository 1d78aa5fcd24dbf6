using AmpsDevice.FirmwareHost.Hardware;
using AmpsDevice.FirmwareHost.Hosting;
using AmpsDevice.FirmwareHost.Hardware.Simulated;
using AmpsDevice.Simulator;
using Microsoft.Extensions.Options;

namespace AmpsDevice.Hardware.Tests;

public class HardwareOptionsTests
{
    private static IReadOnlyList<string> Errors(Action<HardwareOptions> change)
    {
        var options = TestRig.LoadAppSettings();
        change(options);
        return HardwareOptionsValidator.Check(options);
    }

    [Fact]
    public void The_shipped_map_is_valid_and_is_the_simulators_default()
    {
        var options = TestRig.LoadAppSettings();
        Assert.Empty(HardwareOptionsValidator.Check(options));
        Assert.True(new HardwareOptionsValidator().Validate(null, options).Succeeded);
        var layout = SimulatedHardwareFactory.LayoutFor(options);
        var d = SimulatedDeviceLayout.Default;
        Assert.Equal(d.Pads, layout.Pads);
        Assert.Equal(d.Vibration, layout.Vibration);
        Assert.Equal(d.Pressure, layout.Pressure);
        Assert.Equal(d.Ntc, layout.Ntc);
        Assert.Equal(d.Fsr, layout.Fsr);
        Assert.Equal(d.CurrentSense, layout.CurrentSense);
        Assert.Equal(d with { Pads = layout.Pads, Vibration = layout.Vibration, Pressure = layout.Pressure }, layout);
    }

    [Fact]
    public void A_duplicate_pin_names_both_keys()
    {
        var errors = Errors(o => o.Pads[1].EnablePin = 22);
        Assert.Contains("Hardware:Pads:1:EnablePin: GPIO22 is already used by Hardware:Pads:0:EnablePin", errors);
    }

    [Fact]
    public void A_global_pin_clashing_with_a_pad_line_is_named()
    {
        var errors = Errors(o => o.BuzzerPin = 17);
        Assert.Contains("Hardware:BuzzerPin: GPIO17 is already used by Hardware:Pads:0:DirectionPin", errors);
    }

    [Fact]
    public void Pins_of_the_safety_bus_and_the_tactor_pwm_are_reserved()
    {
        Assert.Contains(Errors(o => o.StatusLedPin = 4), e => e.StartsWith("Hardware:StatusLedPin: GPIO4 is already used by i2c-3", StringComparison.Ordinal));
        Assert.Contains(Errors(o => o.StatusLedPin = 18), e => e.StartsWith("Hardware:StatusLedPin: GPIO18 is already used by Hardware:Vibration:0", StringComparison.Ordinal));
        Assert.Contains(Errors(o => o.StatusLedPin = 40), e => e.StartsWith("Hardware:StatusLedPin: GPIO40 is not a header GPIO", StringComparison.Ordinal));
    }

    [Fact]
    public void An_address_outside_the_7_bit_range_is_named()
    {
        var errors = Errors(o => o.Pads[1].ControlSensorAddress = 0x78);
        Assert.Contains("Hardware:Pads:1:ControlSensorAddress: 0x78 (120) is outside the 7-bit I2C address range 0x03..0x77", errors);
    }

    [Fact]
    public void The_same_address_twice_on_a_bus_is_named()
    {
        var errors = Errors(o => o.Pads[1].ControlSensorAddress = 0x4A);
        Assert.Contains("Hardware:Pads:1:ControlSensorAddress: 0x4A is used twice on i2c-1 (also Hardware:ForceAdcAddress)", errors);
        // The same address on the other bus is fine: the safety ADC is 0x48 on i2c-3, pad1's TMP117 0x48 on i2c-1.
        Assert.Empty(Errors(_ => { }));
    }

    [Fact]
    public void Channels_out_of_range_or_shared_are_named()
    {
        Assert.Contains("Hardware:Vibration:0:CurrentAdcChannel: 4 is not a safety ADC channel (0..3)", Errors(o => o.Vibration[0].CurrentAdcChannel = 4));
        Assert.Contains("Hardware:Vibration:0:CurrentAdcChannel: safety ADC channel 0 is already used by Hardware:Pads:0:SafetyAdcChannel", Errors(o => o.Vibration[0].CurrentAdcChannel = 0));
        Assert.Contains("Hardware:Pads:0:BridgePwmChannel: 16 is not a PCA9685 channel (0..15)", Errors(o => o.Pads[0].BridgePwmChannel = 16));
        Assert.Contains("Hardware:Vibration:1:PwmChannel: 2 is not a hardware PWM channel (0..1 with dtoverlay=pwm-2chan)", Errors(o => o.Vibration[1].PwmChannel = 2));
        Assert.Contains("Hardware:Pressure:1:AdcChannel: force ADC channel 0 is already used by Hardware:Pressure:0:AdcChannel", Errors(o => o.Pressure[1].AdcChannel = 0));
    }

    [Fact]
    public void A_missing_pad_list_is_an_error()
    {
        Assert.Contains("Hardware:Pads: the pad list is missing: at least one pad is required", Errors(o => o.Pads = []));
    }

    [Fact]
    public void The_safety_bus_must_be_separate()
    {
        Assert.Contains(Errors(o => o.SafetyI2cBus = 1), e => e.StartsWith("Hardware:SafetyI2cBus: must differ from Hardware:MainI2cBus", StringComparison.Ordinal));
    }

    [Fact]
    public void Bad_calibration_and_frequency_are_named()
    {
        Assert.Contains("Hardware:Ntc:Beta: 0 must be a positive number", Errors(o => o.Ntc.Beta = 0));
        Assert.Contains("Hardware:Pressure:0:CalibrationNOhms: NaN must be a positive number", Errors(o => o.Pressure[0].CalibrationNOhms = double.NaN));
        Assert.Contains("Hardware:BridgePwmFrequencyHz: 2000 Hz is outside the PCA9685's 24..1526 Hz", Errors(o => o.BridgePwmFrequencyHz = 2000));
    }

    [Fact]
    public void DeviceHardware_refuses_an_invalid_map_before_opening_anything()
    {
        var options = TestRig.LoadAppSettings();
        options.Pads[1].EnablePin = 22;
        var device = new SimulatedDevice(SimulatedDeviceLayout.Default, new AmpsDevice.Simulator.Time.VirtualTimeProvider(), 1);
        var ex = Assert.Throws<OptionsValidationException>(() => DeviceHardware.Open(options, _ => new SimulatedHardwareFactory(device), TimeProvider.System));
        Assert.Contains("Hardware:Pads:1:EnablePin", ex.Message, StringComparison.Ordinal);
        Assert.False(device.Gpio.IsOpen(24));
    }
}
