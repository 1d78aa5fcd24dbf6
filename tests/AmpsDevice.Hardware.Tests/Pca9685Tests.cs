using AmpsDevice.FirmwareHost.Hardware;
using AmpsDevice.FirmwareHost.Hardware.Chips.Pca9685;
using AmpsDevice.Simulator.Chips;

namespace AmpsDevice.Hardware.Tests;

public class Pca9685Tests
{
    private static (Pca9685 Driver, ChipBench<Pca9685Emulator> Bench) Open()
    {
        var bench = new ChipBench<Pca9685Emulator>(0x40, _ => new Pca9685Emulator());
        return (new Pca9685(bench.Device), bench);
    }

    [Theory]
    [InlineData(24, 253)]
    [InlineData(1000, 5)]
    [InlineData(1526, 3)]
    [InlineData(200, 30)]
    public void Prescale_is_round_25MHz_over_4096f_minus_1(int hz, int prescale)
    {
        Assert.Equal(prescale, Pca9685.PrescaleFor(hz));
        var (pwm, bench) = Open();
        pwm.Initialize(hz);
        Assert.Equal(prescale, bench.Chip.PrescaleRegister);
        Assert.Equal(Pca9685.FrequencyFor((byte)prescale), pwm.ReadFrequency());
        Assert.False(bench.Chip.Sleeping);
    }

    [Theory]
    [InlineData(23)]
    [InlineData(1600)]
    public void Frequencies_outside_the_prescaler_range_are_refused(int hz) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Pca9685.PrescaleFor(hz));

    [Fact]
    public void Prescale_written_while_awake_is_ignored_by_the_chip()
    {
        var (pwm, bench) = Open();
        pwm.Initialize(1000);
        bench.Device.Write([0xFE, 0x10]);
        Assert.Equal(5, bench.Chip.PrescaleRegister);
    }

    [Fact]
    public void Initialize_wakes_with_auto_increment_totem_pole_and_every_output_off()
    {
        var (pwm, bench) = Open();
        pwm.Initialize(1000);
        var mode1 = pwm.ReadMode1();
        Assert.True((mode1 & Pca9685Mode1.AutoIncrement) != 0);
        Assert.True((mode1 & Pca9685Mode1.Sleep) == 0);
        Assert.True((mode1 & Pca9685Mode1.AllCall) == 0);
        for (var ch = 0; ch < 16; ch++)
        {
            Assert.Equal(0, bench.Chip.DutyCycle(ch));
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(0.5)]
    [InlineData(0.0001)] // smallest step, not rounded to full-off
    [InlineData(0.9999)]
    public void Duty_cycle_reaches_the_pin_including_full_off_and_full_on(double duty)
    {
        var (pwm, bench) = Open();
        pwm.Initialize(1000);
        pwm.SetDutyCycle(1, duty);
        var expected = duty is 0 or 1 ? duty : Math.Clamp(Math.Round(duty * 4096), 1, 4095) / 4096;
        Assert.Equal(expected, bench.Chip.DutyCycle(1), 6);
        Assert.Equal(expected, pwm.ReadDutyCycle(1), 6);
        Assert.Equal(0, bench.Chip.DutyCycle(0));
    }

    [Fact]
    public void Full_off_wins_and_all_off_clears_every_channel()
    {
        Assert.Equal(0, Pca9685.DutyFor(0x1000, 0x1000));
        var (pwm, bench) = Open();
        pwm.Initialize(1000);
        pwm.SetDutyCycle(0, 1);
        pwm.SetDutyCycle(15, 0.3);
        pwm.SetAllOff();
        Assert.Equal(0, bench.Chip.DutyCycle(0));
        Assert.Equal(0, bench.Chip.DutyCycle(15));
    }

    [Fact]
    public void Sleep_turns_the_outputs_off()
    {
        var (pwm, bench) = Open();
        pwm.Initialize(1000);
        pwm.SetDutyCycle(0, 0.5);
        bench.Device.Write([0x00, 0x30]); // AI | SLEEP
        Assert.Equal(0, bench.Chip.DutyCycle(0));
        Assert.Equal(0.5, bench.Chip.ProgrammedDutyCycle(0));
        Assert.True((pwm.ReadMode1() & Pca9685Mode1.Sleep) != 0);
    }

    [Fact]
    public void Bad_arguments_are_refused_at_the_surface()
    {
        var (pwm, _) = Open();
        Assert.Throws<ArgumentOutOfRangeException>(() => pwm.SetDutyCycle(16, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => pwm.SetDutyCycle(0, 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => pwm.SetDutyCycle(0, double.NaN));
    }

    [Fact]
    public void A_disconnected_controller_is_a_device_io_exception_naming_it()
    {
        var (pwm, bench) = Open();
        bench.Disconnect();
        var ex = Assert.Throws<DeviceIoException>(() => pwm.SetDutyCycle(0, 0.5));
        Assert.Contains("PCA9685 @ i2c-1 0x40", ex.Message, StringComparison.Ordinal);
        Assert.Throws<DeviceIoException>(() => pwm.Initialize(1000));
        Assert.Throws<DeviceIoException>(() => pwm.SetAllOff());
    }
}
