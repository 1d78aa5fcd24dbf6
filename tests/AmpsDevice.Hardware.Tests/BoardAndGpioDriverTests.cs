using System.Device.Gpio.Drivers;
using AmpsDevice.FirmwareHost.Hardware;

namespace AmpsDevice.Hardware.Tests;

/// <summary>The Pi's own hardware factory: the boards it refuses, and the GPIO driver it opens the lines with.</summary>
public sealed class BoardAndGpioDriverTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"board-{Guid.NewGuid():N}");

    public BoardAndGpioDriverTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A /proc/device-tree/model as the kernel writes it: the name, NUL-terminated.</summary>
    private string Model(string name)
    {
        var path = Path.Combine(_dir, "model");
        File.WriteAllText(path, name + "\0");
        return path;
    }

    [Theory]
    [InlineData("Raspberry Pi 5 Model B Rev 1.0")]
    [InlineData("Raspberry Pi 500 Rev 1.0")]
    [InlineData("Raspberry Pi Compute Module 5 Rev 1.0")]
    public void A_Pi_5_is_refused_with_its_name_before_any_line_is_opened(string board)
    {
        var factory = new SystemHardwareFactory(new HardwareOptions { BoardModelFile = Model(board) });
        var ex = Assert.Throws<DeviceIoException>(factory.OpenGpio);
        Assert.Equal("board", ex.Device);
        Assert.Contains(board + ": this device's pin map is for the Raspberry Pi 4 only", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Raspberry Pi 4 Model B Rev 1.5")]
    [InlineData("Raspberry Pi 4 Model B Rev 1.1")]
    public void A_Pi_4_passes_the_board_check(string board) => BoardCheck.ThrowIfNotSupported(Model(board));

    [Fact]
    public void A_machine_without_a_device_tree_is_left_to_the_device_checks() =>
        BoardCheck.ThrowIfNotSupported(Path.Combine(_dir, "no-such-model"));

    [Fact]
    public void The_shipped_map_drives_the_lines_through_libgpiod_never_the_register_driver()
    {
        var options = TestRig.LoadAppSettings();
        Assert.Equal(GpioDriverKind.Libgpiod, options.GpioDriver);
        Assert.Equal(GpioDriverKind.Libgpiod, new HardwareOptions().GpioDriver);
        Assert.Equal(typeof(LibGpiodDriver), SystemHardwareFactory.DriverType(options.GpioDriver));
        Assert.Equal(typeof(LibGpiodV2Driver), SystemHardwareFactory.DriverType(GpioDriverKind.LibgpiodV2));
        Assert.Equal("/proc/device-tree/model", options.BoardModelFile);
    }

    [Fact]
    public void A_driver_that_is_not_a_character_device_driver_is_refused_by_the_validator()
    {
        var options = TestRig.LoadAppSettings();
        options.GpioDriver = (GpioDriverKind)7;
        options.BoardModelFile = " ";
        var errors = HardwareOptionsValidator.Check(options);
        Assert.Contains("Hardware:GpioDriver: 7 is not a GPIO driver (Libgpiod, LibgpiodV2)", errors);
        Assert.Contains(errors, e => e.StartsWith("Hardware:BoardModelFile: is empty", StringComparison.Ordinal));
    }

    [Fact]
    public void The_heartbeat_and_the_rail_monitor_pins_are_checked_like_every_other_pin()
    {
        var options = TestRig.LoadAppSettings();
        options.HeartbeatPin = options.MasterEnablePin;
        options.RailMonitorPin = 4;
        var errors = HardwareOptionsValidator.Check(options);
        Assert.Contains("Hardware:HeartbeatPin: GPIO24 is already used by Hardware:MasterEnablePin", errors);
        Assert.Contains(errors, e => e.StartsWith("Hardware:RailMonitorPin: GPIO4 is already used by i2c-3 SDA", StringComparison.Ordinal));
    }
}
