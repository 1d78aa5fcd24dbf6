namespace AmpsDevice.Bench.Support;

/// <summary>Whether the loop drove every channel in its last tick: both pads, every tactor, a pressure target shown.</summary>
public static class ChannelActivity
{
    public static bool EveryChannelActive(FirmwareHost.Control.ControlLoop loop)
    {
        var intent = loop.Safety.Intent;
        foreach (var pad in intent.Pads)
        {
            if (!pad.Active)
            {
                return false;
            }
        }

        foreach (var vib in loop.Outputs.Vibration)
        {
            if (!(vib.Amplitude > 0))
            {
                return false;
            }
        }

        foreach (var pressure in intent.Pressure)
        {
            if (pressure.Guided)
            {
                return true;
            }
        }

        return false;
    }
}
