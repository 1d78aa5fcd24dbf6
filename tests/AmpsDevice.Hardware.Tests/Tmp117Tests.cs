using AmpsDevice.FirmwareHost.Hardware;
using AmpsDevice.FirmwareHost.Hardware.Chips.Tmp117;
using AmpsDevice.Simulator.Chips;

namespace AmpsDevice.Hardware.Tests;

public class Tmp117Tests
{
    private double _temperature = 25.0;

    private (Tmp117 Driver, Tmp117Emulator Chip, ChipBench<Tmp117Emulator> Bench) Open(ushort deviceId = Tmp117Emulator.DefaultDeviceId)
    {
        var bench = new ChipBench<Tmp117Emulator>(0x48, clock => new Tmp117Emulator(() => _temperature, clock, deviceId));
        var driver = new Tmp117(bench.Device);
        driver.CheckDeviceId();
        return (driver, bench.Chip, bench);
    }

    [Theory]
    [InlineData(-10.0)]
    [InlineData(0.0)]
    [InlineData(43.0)]
    [InlineData(80.0)]
    [InlineData(-0.0078125)]
    public void Reads_the_temperature_at_the_edges_of_range(double celsius)
    {
        var (tmp, _, bench) = Open();
        tmp.Configure(Tmp117Mode.Continuous, Tmp117Conversion.Cycle15_5ms, Tmp117Averaging.None);
        _temperature = celsius;
        bench.Advance(0.016);
        var read = tmp.ReadTemperatureC(out var fresh);
        Assert.True(fresh);
        Assert.Equal(celsius, read, 3);
    }

    [Fact]
    public void Converts_twos_complement_both_ways()
    {
        Assert.Equal(-10.0, Tmp117.ToCelsius(0xFB00));
        Assert.Equal(-0.0078125, Tmp117.ToCelsius(0xFFFF));
        Assert.Equal(43.0, Tmp117.ToCelsius(0x1580));
        Assert.Equal((ushort)0xFB00, Tmp117.FromCelsius(-10));
        Assert.Equal((ushort)0x7FFF, Tmp117.FromCelsius(1000)); // saturates
        Assert.Equal((ushort)0x8000, Tmp117.FromCelsius(-1000));
    }

    [Fact]
    public void Configuration_is_written_as_the_datasheet_lays_it_out()
    {
        var (tmp, chip, _) = Open();
        Assert.Equal(Tmp117Emulator.PowerOnConfiguration, chip.Configuration);
        tmp.Configure(Tmp117Mode.Continuous, Tmp117Conversion.Cycle125ms, Tmp117Averaging.Average8);
        Assert.Equal(0b0000_0000_1010_0000, chip.Configuration & 0x0FFF); // CONV=001 <<7, AVG=01 <<5
        tmp.Configure(Tmp117Mode.Shutdown, Tmp117Conversion.Cycle15_5ms, Tmp117Averaging.None);
        Assert.Equal(0b01 << 10, chip.Configuration & 0x0C00);
    }

    [Fact]
    public void Data_ready_marks_a_new_conversion_and_clears_on_read()
    {
        var (tmp, chip, bench) = Open();
        tmp.Configure(Tmp117Mode.Continuous, Tmp117Conversion.Cycle15_5ms, Tmp117Averaging.None);
        bench.Advance(0.010);
        tmp.ReadTemperatureC(out var early);
        Assert.False(early); // 15.5 ms not yet passed
        bench.Advance(0.006);
        tmp.ReadTemperatureC(out var first);
        tmp.ReadTemperatureC(out var again);
        Assert.True(first);
        Assert.False(again);
        bench.Advance(0.0155);
        tmp.ReadTemperatureC(out var next);
        Assert.True(next);
        Assert.Equal(2, chip.Conversions);
    }

    [Fact]
    public void Shutdown_mode_stops_conversions()
    {
        var (tmp, chip, bench) = Open();
        tmp.Configure(Tmp117Mode.Shutdown, Tmp117Conversion.Cycle15_5ms, Tmp117Averaging.None);
        var before = chip.Conversions;
        bench.Advance(1);
        tmp.ReadTemperatureC(out var fresh);
        Assert.False(fresh);
        Assert.Equal(before, chip.Conversions);
    }

    [Fact]
    public void High_and_low_alert_flags_follow_the_limits()
    {
        var (tmp, _, bench) = Open();
        tmp.SetAlertLimits(lowC: 10, highC: 43);
        tmp.Configure(Tmp117Mode.Continuous, Tmp117Conversion.Cycle15_5ms, Tmp117Averaging.None);
        _temperature = 44;
        bench.Advance(0.016);
        Assert.True((tmp.ReadConfiguration() & Tmp117Configuration.HighAlert) != 0);
        Assert.True((tmp.ReadConfiguration() & Tmp117Configuration.HighAlert) == 0); // cleared by the read
        _temperature = 5;
        bench.Advance(0.016);
        Assert.True((tmp.ReadConfiguration() & Tmp117Configuration.LowAlert) != 0);
    }

    [Fact]
    public void A_wrong_chip_is_refused_with_a_clear_message()
    {
        var ex = Assert.Throws<DeviceIoException>(() => Open(deviceId: 0x0118));
        Assert.Contains("0x0118", ex.Message, StringComparison.Ordinal);
        Assert.Contains("TMP117", ex.Message, StringComparison.Ordinal);
        Assert.Contains("i2c-1 0x48", ex.Device, StringComparison.Ordinal);
    }

    [Fact]
    public void A_disconnected_sensor_is_a_device_io_exception_naming_it()
    {
        var (tmp, _, bench) = Open();
        bench.Disconnect();
        var ex = Assert.Throws<DeviceIoException>(() => tmp.ReadTemperatureC(out _));
        Assert.Contains("TMP117 @ i2c-1 0x48", ex.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<IOException>(ex.InnerException);
        Assert.Throws<DeviceIoException>(() => tmp.Configure(Tmp117Mode.Continuous, Tmp117Conversion.Cycle1s, Tmp117Averaging.None));
    }

    [Fact]
    public void The_revision_nibble_of_the_id_is_ignored()
    {
        var (tmp, _, _) = Open(deviceId: 0x1117);
        Assert.NotNull(tmp);
    }
}

