using System.Device.Gpio;
using System.Device.I2c;
using System.Device.Pwm;
using AmpsDevice.Simulator;

namespace AmpsDevice.FirmwareHost.Hardware.Simulated;

/// <summary>
/// Puts a <see cref="SimulatedDevice"/> behind the hardware boundary (<c>--simulate</c>): the real
/// drivers run unchanged on its buses, header and PWM channels. Hosting's <c>DeviceHardware.Open</c> chooses it.
/// </summary>
public sealed class SimulatedHardwareFactory : IHardwareFactory
{
    public SimulatedHardwareFactory(SimulatedDevice device) => Device = device ?? throw new ArgumentNullException(nameof(device));

    public SimulatedDevice Device { get; }

    /// <summary>
    /// A simulated device wired the way <paramref name="options"/> says, so the drivers find every
    /// chip and line where the map puts them (the physics keeps its defaults).
    /// </summary>
    public static SimulatedDeviceLayout LayoutFor(HardwareOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var d = SimulatedDeviceLayout.Default;
        return d with
        {
            MainI2cBus = options.MainI2cBus,
            SafetyI2cBus = options.SafetyI2cBus,
            PwmControllerAddress = options.PwmControllerAddress,
            ForceAdcAddress = options.ForceAdcAddress,
            SafetyAdcAddress = options.SafetyAdcAddress,
            MasterEnablePin = options.MasterEnablePin,
            EStopPin = options.EStopPin,
            PatientStopPin = options.PatientStopPin,
            StartButtonPin = options.StartButtonPin,
            StatusLedPin = options.StatusLedPin,
            BuzzerPin = options.BuzzerPin,
            HeartbeatPin = options.HeartbeatPin,
            RailMonitorPin = options.RailMonitorPin,
            RailV = options.ActuatorRailV,
            Pads = [.. options.Pads.Select(p => new SimulatedPadLayout(p.ControlSensorAddress, p.SafetyAdcChannel, p.BridgePwmChannel, p.DirectionPin, p.EnablePin))],
            Vibration = [.. options.Vibration.Select(v => new SimulatedVibrationLayout(v.PwmChip, v.PwmChannel, v.CurrentAdcChannel))],
            Pressure = [.. options.Pressure.Select(p => new SimulatedPressureLayout(p.AdcChannel))],
            Ntc = d.Ntc with
            {
                SupplyV = options.Ntc.SupplyV,
                SeriesOhms = options.Ntc.SeriesOhms,
                NominalOhms = options.Ntc.NominalOhms,
                NominalC = options.Ntc.NominalC,
                Beta = options.Ntc.Beta,
            },
            CurrentSense = d.CurrentSense with { ShuntOhms = options.CurrentSense.ShuntOhms, Gain = options.CurrentSense.Gain },
            Fsr = options.Pressure.Count == 0 ? d.Fsr : d.Fsr with
            {
                SupplyV = options.Pressure[0].SupplyV,
                LoadOhms = options.Pressure[0].LoadOhms,
                CalibrationNOhms = options.Pressure[0].CalibrationNOhms,
            },
        };
    }

    public I2cDevice OpenI2c(int busId, int address)
    {
        try
        {
            return Device.OpenI2c(busId, address);
        }
        catch (IOException ex)
        {
            throw new DeviceIoException($"i2c-{busId} 0x{address:X2}", ex.Message, ex);
        }
    }

    /// <summary>A controller on the simulated header. Disposing it releases the pins (they fall to their pulls).</summary>
    public GpioController OpenGpio() => new(Device.Gpio);

    public PwmChannel OpenPwm(int chip, int channel, int frequencyHz, double dutyCycle)
    {
        try
        {
            return Device.OpenPwm(chip, channel, frequencyHz, dutyCycle);
        }
        catch (IOException ex)
        {
            throw new DeviceIoException($"pwmchip{chip} channel {channel}", ex.Message, ex);
        }
    }
}
