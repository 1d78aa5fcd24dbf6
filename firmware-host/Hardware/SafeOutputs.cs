namespace AmpsDevice.FirmwareHost.Hardware;

/// <summary>
/// Puts every opened output in its safe state: the master enable low first (it cuts the actuator rail
/// in hardware whatever the rest does), the heartbeat stopped (the rail's contactor drops by itself),
/// every H-bridge asleep, its PWM at 0, every tactor off. Tries
/// every output even if one throws; never throws.
/// </summary>
internal static class SafeOutputs
{
    public static void Drive(OpenedDevices devices)
    {
        Try(devices.Master, static master => master.Set(false));
        Try(devices.Heartbeat, static heartbeat => heartbeat.Stop());
        foreach (var bridge in devices.Bridges)
        {
            Try(bridge, static b => b.SetEnabled(false));
        }

        // Tried; the rail cut and the bridges' SLP lines already hold them off.
        foreach (var bridge in devices.Bridges)
        {
            Try(bridge, static b => b.SetDutyCycle(0));
        }

        Try(devices.Pwm, static pwm => pwm.SetAllOff());

        // Direction is irrelevant with the bridge asleep.
        foreach (var bridge in devices.Bridges)
        {
            Try(bridge, static b => b.SetHeating(false));
        }

        // The rail cut stops the tactors too.
        foreach (var tactor in devices.Tactors)
        {
            Try(tactor, static t => t.Off());
        }
    }

    private static void Try<T>(T? output, Action<T> drive)
        where T : class
    {
        if (output is null)
        {
            return;
        }

        try
        {
            drive(output);
        }
        catch (Exception)
        {
            // Every other output is still tried.
        }
    }
}
