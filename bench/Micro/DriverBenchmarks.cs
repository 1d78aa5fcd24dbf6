using System.Diagnostics.CodeAnalysis;
using AmpsDevice.FirmwareHost.Cli;
using AmpsDevice.FirmwareHost.Hardware.Chips.Ads1115;
using AmpsDevice.FirmwareHost.Hardware.Chips.Pca9685;
using AmpsDevice.FirmwareHost.Hardware.Chips.Tmp117;
using AmpsDevice.FirmwareHost.Hardware.Simulated;
using AmpsDevice.Simulator;
using AmpsDevice.Simulator.Time;
using BenchmarkDotNet.Attributes;

namespace AmpsDevice.Bench.Micro;

/// <summary>
/// Each chip driver's per-tick transfer against the simulator's register-level chip emulators (the simulated
/// I2C bus, not a real one: on the Pi the bus time, about 0.1 ms a transfer at 400 kHz, comes on top).
/// </summary>
[MemoryDiagnoser]
[SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet disposes in [GlobalCleanup]")]
public class DriverBenchmarks
{
    private Tmp117 _tmp117 = null!;
    private Ads1115 _ads1115 = null!;
    private Pca9685 _pca9685 = null!;
    private double _duty;

    [GlobalSetup]
    public void Setup()
    {
        var layout = SimulatedHardwareFactory.LayoutFor(SimulateVerb.LoadHardwareOptions());
        var device = new SimulatedDevice(layout, new VirtualTimeProvider(), seed: 1);
        _tmp117 = new Tmp117(device.OpenI2c(layout.MainI2cBus, layout.Pads[0].ControlSensorAddress));
        _tmp117.CheckDeviceId();
        _ads1115 = new Ads1115(device.OpenI2c(layout.MainI2cBus, layout.ForceAdcAddress));
        _pca9685 = new Pca9685(device.OpenI2c(layout.MainI2cBus, layout.PwmControllerAddress));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _tmp117.Dispose();
        _ads1115.Dispose();
        _pca9685.Dispose();
    }

    [Benchmark]
    public double Tmp117Read() => _tmp117.ReadTemperatureC(out _);

    /// <summary>What the ADC scan does per tick: start the next conversion, then ask for a result.</summary>
    [Benchmark]
    public bool Ads1115StartAndRead()
    {
        _ads1115.StartConversion(0);
        return _ads1115.TryReadConversion(out _, out _);
    }

    [Benchmark]
    public void Pca9685Write()
    {
        _duty = _duty > 0.9 ? 0 : _duty + 0.01;
        _pca9685.SetDutyCycle(0, _duty);
    }
}
