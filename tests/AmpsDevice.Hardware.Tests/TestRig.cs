using AmpsDevice.FirmwareHost.Hardware;
using AmpsDevice.FirmwareHost.Hardware.Simulated;
using AmpsDevice.Simulator;
using AmpsDevice.Simulator.Faults;
using AmpsDevice.Simulator.Time;
using Microsoft.Extensions.Configuration;

namespace AmpsDevice.Hardware.Tests;

/// <summary>The real DeviceIo on a simulated device in virtual time, with the shipped appsettings.json map.</summary>
internal sealed class TestRig : IDisposable
{
    public TestRig(int seed = 1, HardwareOptions? options = null, Action<SimulatedDevice>? beforeOpen = null)
    {
        Options = options ?? LoadAppSettings();
        Device = new SimulatedDevice(SimulatedHardwareFactory.LayoutFor(Options), Clock, seed);
        Faults = new FaultInjector(Device);
        beforeOpen?.Invoke(Device);
        Io = new DeviceIo(Options, new SimulatedHardwareFactory(Device), Clock);
        Sensors = Io.Shape.CreateSensorFrame();
        Outputs = Io.Shape.CreateActuatorFrame();
    }

    public VirtualTimeProvider Clock { get; } = new();

    public HardwareOptions Options { get; }

    public SimulatedDevice Device { get; }

    public FaultInjector Faults { get; }

    public DeviceIo Io { get; }

    public SensorFrame Sensors { get; }

    public ActuatorFrame Outputs { get; }

    /// <summary>One 20 ms control tick: advance, read, write.</summary>
    public void Tick(double periodS = 0.02)
    {
        Clock.Advance(TimeSpan.FromSeconds(periodS));
        Io.Read(Sensors);
        Io.Write(Outputs);
    }

    public void Ticks(int count, double periodS = 0.02)
    {
        for (var i = 0; i < count; i++)
        {
            Tick(periodS);
        }
    }

    public void Dispose() => Io.Dispose();

    public static string RepoFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(relative);
    }

    public static HardwareOptions LoadAppSettings()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(RepoFile("firmware-host/appsettings.json")).Build();
        return configuration.GetSection(HardwareOptions.SectionName).Get<HardwareOptions>()
            ?? throw new InvalidOperationException("no Hardware section");
    }
}

/// <summary>A chip on its own bus in virtual time, for driver tests.</summary>
internal sealed class ChipBench<TChip>
    where TChip : AmpsDevice.Simulator.Bus.II2cTarget
{
    public ChipBench(int address, Func<TimeProvider, TChip> create)
    {
        Address = address;
        Chip = create(Clock);
        Bus = new AmpsDevice.Simulator.Bus.SimulatedI2cBus(1, Clock);
        Bus.Attach(address, Chip);
        Device = new AmpsDevice.Simulator.Bus.SimulatedI2cDevice(Bus, address);
    }

    public int Address { get; }

    public VirtualTimeProvider Clock { get; } = new();

    public TChip Chip { get; }

    public AmpsDevice.Simulator.Bus.SimulatedI2cBus Bus { get; }

    public AmpsDevice.Simulator.Bus.SimulatedI2cDevice Device { get; }

    public void Advance(double seconds) => Clock.Advance(TimeSpan.FromSeconds(seconds));

    public void Disconnect() => Bus.SetDisconnected(Address, true);
}
