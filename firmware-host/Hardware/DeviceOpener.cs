using AmpsDevice.FirmwareHost.Hardware.Chips.Ads1115;
using AmpsDevice.FirmwareHost.Hardware.Chips.Pca9685;
using AmpsDevice.FirmwareHost.Hardware.Chips.Tmp117;

namespace AmpsDevice.FirmwareHost.Hardware;

/// <summary>
/// Opens and names every device of a (validated) map, outputs first and driven safe before anything
/// else is configured: master enable low, heartbeat low, bridges asleep, PWM off, tactors off; then the inputs; then
/// the chips are configured. A failure drives safe what was opened, releases it, and names the device.
/// </summary>
internal static class DeviceOpener
{
    /// <summary>Frequency the tactor PWM channels are opened at, Hz (within the vibration limits; duty 0).</summary>
    public const int InitialTactorFrequencyHz = 250;

    /// <exception cref="DeviceIoException">A device is missing or answers wrongly; every output opened so far was driven safe and released.</exception>
    public static OpenedDevices Open(HardwareOptions options, IHardwareFactory factory)
    {
        var devices = new OpenedDevices(options);
        var step = "GPIO";
        try
        {
            // 1. Outputs safe, before anything else.
            var gpio = devices.Gpio = devices.Own(factory.OpenGpio());
            step = $"master enable (GPIO{options.MasterEnablePin})";
            devices.Master = new DigitalOutput(gpio, options.MasterEnablePin);
            step = $"heartbeat (GPIO{options.HeartbeatPin})";
            devices.Heartbeat = new Heartbeat(gpio, options.HeartbeatPin);
            for (var i = 0; i < options.Pads.Count; i++)
            {
                var pad = options.Pads[i];
                step = $"pad{i + 1} H-bridge lines (GPIO{pad.EnablePin} enable, GPIO{pad.DirectionPin} direction)";
                HBridge.OpenLinesDisabled(gpio, pad.DirectionPin, pad.EnablePin);
            }

            var pwmName = $"PCA9685 @ i2c-{options.MainI2cBus} 0x{options.PwmControllerAddress:X2}";
            step = pwmName;
            var pwm = devices.Pwm = devices.Own(new Pca9685(factory.OpenI2c(options.MainI2cBus, options.PwmControllerAddress), pwmName));
            pwm.SetAllOff();
            for (var i = 0; i < options.Pads.Count; i++)
            {
                var pad = options.Pads[i];
                devices.Bridges[i] = new HBridge(pwm, pad.BridgePwmChannel, gpio, pad.DirectionPin, pad.EnablePin);
            }

            for (var i = 0; i < options.Vibration.Count; i++)
            {
                var vib = options.Vibration[i];
                step = $"vib{i + 1} (pwmchip{vib.PwmChip} channel {vib.PwmChannel})";
                var tactor = devices.Tactors[i] = devices.Own(new Tactor(factory.OpenPwm(vib.PwmChip, vib.PwmChannel, InitialTactorFrequencyHz, 0)));
                tactor.Off();
            }

            step = $"status LED (GPIO{options.StatusLedPin})";
            devices.StatusLed = new DigitalOutput(gpio, options.StatusLedPin);
            step = $"buzzer (GPIO{options.BuzzerPin})";
            devices.Buzzer = new DigitalOutput(gpio, options.BuzzerPin);

            // 2. Inputs.
            step = $"E-stop input (GPIO{options.EStopPin})";
            devices.EStop = new FailActiveInput(gpio, options.EStopPin);
            step = $"patient stop input (GPIO{options.PatientStopPin})";
            devices.PatientStop = new FailActiveInput(gpio, options.PatientStopPin);
            step = $"start button (GPIO{options.StartButtonPin})";
            devices.StartButton = new ActiveLowButton(gpio, options.StartButtonPin);
            step = $"K1 mirror contact (GPIO{options.RailMonitorPin})";
            devices.RailMonitor = new FailActiveInput(gpio, options.RailMonitorPin);

            // 3. Configure: bridge PWM frequency (all channels stay full-off), sensors.
            step = pwmName;
            pwm.Initialize(options.BridgePwmFrequencyHz);
            for (var i = 0; i < options.Pads.Count; i++)
            {
                var address = options.Pads[i].ControlSensorAddress;
                var name = $"pad{i + 1}.control (TMP117 @ i2c-{options.MainI2cBus} 0x{address:X2})";
                step = name;
                devices.ControlSensorNames[i] = name;
                var sensor = devices.ControlSensors[i] = devices.Own(new Tmp117(factory.OpenI2c(options.MainI2cBus, address), name));
                sensor.CheckDeviceId();
                // Continuous, no averaging: a new result every 15.5 ms (SensorLostRule.ControlSensorCycleS judges a stale one by it).
                sensor.Configure(Tmp117Mode.Continuous, Tmp117Conversion.Cycle15_5ms, Tmp117Averaging.None);
            }

            var safetyName = $"safety ADC (ADS1115 @ i2c-{options.SafetyI2cBus} 0x{options.SafetyAdcAddress:X2})";
            step = safetyName;
            var safetyAdc = devices.Own(new Ads1115(factory.OpenI2c(options.SafetyI2cBus, options.SafetyAdcAddress), name: safetyName));
            devices.SafetyAdc = new AdcScan(safetyAdc, safetyName, [.. AdcSlot.SafetySlots(options, safetyName)]);
            devices.SafetyAdc.Start();

            var forceName = $"force ADC (ADS1115 @ i2c-{options.MainI2cBus} 0x{options.ForceAdcAddress:X2})";
            step = forceName;
            var forceAdc = devices.Own(new Ads1115(factory.OpenI2c(options.MainI2cBus, options.ForceAdcAddress), name: forceName));
            devices.ForceAdc = new AdcScan(forceAdc, forceName, [.. AdcSlot.ForceSlots(options, forceName)]);
            devices.ForceAdc.Start();
            return devices;
        }
        catch (Exception ex)
        {
            SafeOutputs.Drive(devices);
            devices.Dispose();
            if (ex is DeviceIoException)
            {
                throw;
            }

            throw new DeviceIoException(step, ex.Message, ex);
        }
    }
}
