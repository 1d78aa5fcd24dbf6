namespace AmpsDevice.FirmwareHost.Hardware;

/// <summary>
/// Reads every opened sensor and input into a <see cref="SensorFrame"/>: the pads' control sensors, one
/// conversion of each ADC's round-robin, the stop inputs and the start button. A failed transfer marks its
/// reading not ok and is counted; an unreadable stop input counts as pressed. Allocates nothing.
/// </summary>
internal sealed class SensorReader
{
    private readonly OpenedDevices _devices;
    private readonly TimeProvider _time;
    private readonly string[] _controlSensorNotConverted;
    private readonly string _gpioName = "GPIO inputs";

    public SensorReader(OpenedDevices devices, TimeProvider time)
    {
        _devices = devices;
        _time = time;
        _controlSensorNotConverted = [.. devices.ControlSensorNames.Select(name => $"{name}: no conversion since it was configured (starting, or the chip reset)")];
    }

    public void Read(SensorFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        frame.Timestamp = _time.GetTimestamp();
        frame.FailedTransfers = 0;
        frame.FirstFailure = null;
        ReadControlSensors(frame);
        _devices.SafetyAdc!.Scan(frame, _devices.Options);
        _devices.ForceAdc!.Scan(frame, _devices.Options);
        ReadInputs(frame);
    }

    private void ReadControlSensors(SensorFrame frame)
    {
        var sensors = _devices.ControlSensors;
        for (var i = 0; i < sensors.Length; i++)
        {
            ref var value = ref frame.Pads[i].ControlC;
            try
            {
                var sensor = sensors[i]!;
                var celsius = sensor.ReadTemperatureC(out var fresh);
                if (!sensor.HasConversion)
                {
                    // The result register holds the power-on −256 °C (or a stale value), not a reading:
                    // no rule may see it as one. Value keeps the last good reading.
                    value.Ok = false;
                    value.Fresh = false;
                    value.TicksSinceFresh++;
                    frame.FirstFailure ??= _controlSensorNotConverted[i];
                    continue;
                }

                value.Value = celsius;
                value.Ok = true;
                value.Fresh = fresh;
                value.TicksSinceFresh = fresh ? 0 : value.TicksSinceFresh + 1;
            }
            catch (DeviceIoException)
            {
                value.Ok = false;
                value.Fresh = false;
                value.TicksSinceFresh++;
                frame.FailedTransfers++;
                frame.FirstFailure ??= _devices.ControlSensorNames[i];
            }
        }
    }

    private void ReadInputs(SensorFrame frame)
    {
        try
        {
            frame.EStopActive = _devices.EStop!.IsActive;
            frame.PatientStopActive = _devices.PatientStop!.IsActive;
            frame.StartButtonPressed = _devices.StartButton!.IsPressed;
            frame.RailContactorClosed = _devices.RailMonitor!.IsActive;
            frame.InputsFailed = false;
        }
        catch (Exception)
        {
            // Fail active: an unreadable stop input counts as pressed.
            frame.EStopActive = true;
            frame.PatientStopActive = true;
            frame.StartButtonPressed = false;
            frame.RailContactorClosed = true;
            frame.InputsFailed = true;
            frame.FirstFailure ??= _gpioName;
        }
    }
}
