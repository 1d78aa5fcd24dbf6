using AmpsDevice.FirmwareHost.Hardware;
using AmpsDevice.FirmwareHost.Hardware.Chips.Ads1115;
using AmpsDevice.Simulator.Chips;

namespace AmpsDevice.Hardware.Tests;

public class Ads1115Tests
{
    private readonly double[] _volts = [0.5, 1.0, 2.0, 3.0];

    private (Ads1115 Driver, ChipBench<Ads1115Emulator> Bench) Open(Ads1115Range range = Ads1115Range.FullScale4_096V, Ads1115DataRate rate = Ads1115DataRate.Sps860)
    {
        var bench = new ChipBench<Ads1115Emulator>(0x48, clock => new Ads1115Emulator(ch => _volts[ch], clock));
        return (new Ads1115(bench.Device, range, rate), bench);
    }

    [Fact]
    public void A_single_shot_conversion_is_done_only_after_its_conversion_time()
    {
        var (adc, bench) = Open();
        adc.StartConversion(2);
        Assert.False(adc.TryReadConversion(out _, out _));
        bench.Advance(0.0010); // 860 SPS converts in 1/860 s = 1.163 ms
        Assert.False(adc.TryReadConversion(out _, out _));
        bench.Advance(0.0002);
        Assert.True(adc.TryReadConversion(out var channel, out var volts));
        Assert.Equal(2, channel);
        Assert.Equal(2.0, volts, 3);
        Assert.False(adc.TryReadConversion(out _, out _)); // nothing pending until the next start
    }

    [Fact]
    public void The_config_written_selects_channel_range_mode_and_rate()
    {
        var (adc, _) = Open(Ads1115Range.FullScale1_024V, Ads1115DataRate.Sps128);
        adc.StartConversion(3);
        var config = adc.ReadConfig();
        Assert.Equal(0b111, ((int)config >> 12) & 0b111); // MUX = AIN3 vs GND
        Assert.Equal(0b011, ((int)config >> 9) & 0b111); // PGA ±1.024
        Assert.True((config & Ads1115Config.SingleShot) != 0);
        Assert.Equal(0b100, ((int)config >> 5) & 0b111); // 128 SPS
        Assert.Equal(Ads1115Config.ComparatorDisable, config & Ads1115Config.ComparatorDisable);
        Assert.True((config & Ads1115Config.OperationalStatus) == 0); // converting
    }

    [Theory]
    [InlineData(Ads1115Range.FullScale6_144V, 3.0, 3.0)]
    [InlineData(Ads1115Range.FullScale4_096V, 3.0, 3.0)]
    [InlineData(Ads1115Range.FullScale2_048V, 3.0, 2.048 * 32767 / 32768)] // clipped at +FS
    [InlineData(Ads1115Range.FullScale0_256V, 0.5, 0.256 * 32767 / 32768)]
    [InlineData(Ads1115Range.FullScale0_256V, -3.0, -0.256)] // clipped at −FS
    public void The_pga_range_sets_full_scale_and_clips(Ads1115Range range, double input, double expected)
    {
        var (adc, bench) = Open(range, Ads1115DataRate.Sps860);
        _volts[0] = input;
        adc.StartConversion(0);
        bench.Advance(0.002);
        Assert.True(adc.TryReadConversion(out _, out var volts));
        var lsb = Ads1115.FullScaleVolts(range) / 32768;
        Assert.InRange(volts, expected - lsb, expected + lsb);
    }

    [Fact]
    public void Codes_and_volts_match_the_datasheet_table()
    {
        Assert.Equal(32767, Ads1115Emulator.Code(5, 4.096));
        Assert.Equal(-32768, Ads1115Emulator.Code(-5, 4.096));
        Assert.Equal(0.000125, Ads1115.ToVolts(1, Ads1115Range.FullScale4_096V), 9);
        Assert.Equal(-4.096, Ads1115.ToVolts(short.MinValue, Ads1115Range.FullScale4_096V), 9);
        Assert.Equal(860, Ads1115.SamplesPerSecond(Ads1115DataRate.Sps860));
    }

    [Fact]
    public void A_slower_data_rate_takes_longer()
    {
        var (adc, bench) = Open(Ads1115Range.FullScale4_096V, Ads1115DataRate.Sps8);
        adc.StartConversion(1);
        bench.Advance(0.100);
        Assert.False(adc.TryReadConversion(out _, out _));
        bench.Advance(0.030); // 1/8 s = 125 ms
        Assert.True(adc.TryReadConversion(out _, out var volts));
        Assert.Equal(1.0, volts, 3);
    }

    [Fact]
    public void Channel_out_of_range_is_refused()
    {
        var (adc, _) = Open();
        Assert.Throws<ArgumentOutOfRangeException>(() => adc.StartConversion(4));
        Assert.Throws<ArgumentOutOfRangeException>(() => adc.StartConversion(-1));
    }

    [Fact]
    public void A_disconnected_adc_is_a_device_io_exception_naming_it()
    {
        var (adc, bench) = Open();
        adc.StartConversion(0);
        bench.Disconnect();
        var ex = Assert.Throws<DeviceIoException>(() => adc.TryReadConversion(out _, out _));
        Assert.Contains("ADS1115 @ i2c-1 0x48", ex.Message, StringComparison.Ordinal);
        Assert.Throws<DeviceIoException>(() => adc.StartConversion(1));
    }
}
