using AmpsDevice.FirmwareHost.Hardware;
using AmpsDevice.FirmwareHost.Hardware.Simulated;
using AmpsDevice.Protocol.Messages;
using AmpsDevice.Simulator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace AmpsDevice.FirmwareHost.Hosting;

/// <summary>
/// The device's hardware, opened: the factory behind the drivers and the <see cref="IDeviceIo"/> that drove every
/// output safe as it was constructed. <c>run</c> opens it first thing, from configuration alone, before the host
/// and its services are built, so the outputs are safe as early in the process as they can be.
/// Whether the hardware is simulated (<c>Device:Simulate</c>) is decided here, once: the rest of the device service
/// sees only the hardware boundary. (The <c>simulate</c> verb, in Simulation/, reads the simulator's physical truth
/// and drives its virtual patient on purpose: that is what it reports.)
/// </summary>
/// <param name="Factory">Real buses, or the simulator behind them (<c>Device:Simulate</c>).</param>
/// <param name="Io">Every sensor and actuator, outputs already safe.</param>
/// <param name="SafeAtMs">When the outputs were safe, ms after the process started.</param>
/// <param name="SafeAtCpuMs">The CPU time the process had used by then, ms.</param>
public sealed record DeviceHardware(IHardwareFactory Factory, IDeviceIo Io, double SafeAtMs, double SafeAtCpuMs)
{
    /// <summary>Whether the opened hardware is the simulator's (what the device's <c>status</c> reports).</summary>
    public HardwareMode Mode => Factory is SimulatedHardwareFactory ? HardwareMode.Simulated : HardwareMode.Hardware;

    /// <summary>Opens the hardware that <paramref name="configuration"/> describes (sections Device and Hardware).</summary>
    /// <exception cref="OptionsValidationException">The device map is invalid; the message names every bad key.</exception>
    /// <exception cref="DeviceIoException">A device is missing or does not answer; the message says which and what to check.</exception>
    public static DeviceHardware Open(IConfiguration configuration, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var device = configuration.GetSection(DeviceOptions.SectionName).Get<DeviceOptions>() ?? new DeviceOptions();
        var options = configuration.GetSection(HardwareOptions.SectionName).Get<HardwareOptions>() ?? new HardwareOptions();
        return Open(
            options,
            valid => device.Simulate
                ? new SimulatedHardwareFactory(new SimulatedDevice(SimulatedHardwareFactory.LayoutFor(valid), time, device.SimulatorSeed))
                : new SystemHardwareFactory(options),
            time);
    }

    /// <summary>
    /// Validates the device map (the one place it is validated), then creates the factory behind the drivers
    /// and opens every device through it. Nothing is opened for an invalid map.
    /// </summary>
    /// <param name="options">The device map as bound.</param>
    /// <param name="factoryFor">Creates the factory for the validated map: the Pi's, or a simulated device wired as the map says.</param>
    /// <param name="time">Stamps the sensor frames.</param>
    /// <exception cref="OptionsValidationException">The device map is invalid; the message names every bad key.</exception>
    /// <exception cref="DeviceIoException">A device is missing or does not answer; the message says which and what to check.</exception>
    public static DeviceHardware Open(HardwareOptions options, Func<HardwareOptions, IHardwareFactory> factoryFor, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(factoryFor);
        var validation = new HardwareOptionsValidator().Validate(null, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(HardwareOptions.SectionName, typeof(HardwareOptions), validation.Failures);
        }

        var factory = factoryFor(options);
        var io = new DeviceIo(options, factory, time);
        return new DeviceHardware(factory, io, StartupMilestones.SinceProcessStartMs(time), StartupMilestones.ProcessCpuMs());
    }
}
