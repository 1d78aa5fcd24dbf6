using AmpsDevice.FirmwareHost.Hardware;
using AmpsDevice.Simulator.Electrical;

namespace AmpsDevice.Hardware.Tests;

/// <summary>The drivers' conversions invert the simulator's forward models with the same constants.</summary>
public class SensorConversionsTests
{
    private readonly HardwareOptions _options = TestRig.LoadAppSettings();

    [Theory]
    [InlineData(-10.0)]
    [InlineData(10.0)]
    [InlineData(25.0)]
    [InlineData(43.0)]
    [InlineData(80.0)]
    public void Ntc_beta_equation_inverts_the_divider(double celsius)
    {
        var volts = NtcDivider.Default.Volts(celsius);
        Assert.True(SensorConversions.TryNtcCelsius(volts, _options.Ntc, out var back));
        Assert.Equal(celsius, back, 6);
    }

    [Fact]
    public void Ntc_at_25_C_sits_at_half_supply_and_open_or_short_is_no_reading()
    {
        Assert.Equal(1.65, NtcDivider.Default.Volts(25), 9);
        Assert.False(SensorConversions.TryNtcCelsius(3.3, _options.Ntc, out _));
        Assert.False(SensorConversions.TryNtcCelsius(0.0, _options.Ntc, out _));
        Assert.False(SensorConversions.TryNtcCelsius(double.NaN, _options.Ntc, out _));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(10.0)]
    [InlineData(60.0)]
    public void Fsr_divider_inverts_to_newtons(double forceN)
    {
        var volts = FsrDivider.Default.Volts(forceN);
        Assert.Equal(forceN, SensorConversions.FsrForceN(volts, _options.Pressure[0]), 6);
    }

    [Fact]
    public void Shunt_volts_to_amps_is_v_over_gain_times_r()
    {
        Assert.Equal(0.75, SensorConversions.ShuntCurrentA(CurrentShuntAmplifier.Default.Volts(0.75), _options.CurrentSense), 9);
        Assert.Equal(1.0, SensorConversions.ShuntCurrentA(2.0, _options.CurrentSense), 9);
    }

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(1.0, 0.5)]
    [InlineData(0.5, 1.0 / 6.0)]
    public void Tactor_duty_is_asin_a_over_pi(double amplitude, double duty)
    {
        Assert.Equal(duty, SensorConversions.TactorDutyFromAmplitude(amplitude), 9);
        Assert.Equal(amplitude, SensorConversions.TactorAmplitudeFromDuty(duty), 9);
    }

    [Fact]
    public void Tactor_amplitude_outside_range_is_clamped()
    {
        Assert.Equal(0.5, SensorConversions.TactorDutyFromAmplitude(7));
        Assert.Equal(0, SensorConversions.TactorDutyFromAmplitude(double.NaN));
        Assert.Equal(0, SensorConversions.TactorDutyFromAmplitude(-1));
    }
}
