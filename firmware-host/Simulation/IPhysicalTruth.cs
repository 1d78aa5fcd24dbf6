namespace AmpsDevice.FirmwareHost.Simulation;

/// <summary>The simulator's own model of the world, which a stuck or offset sensor hides from the controller.</summary>
public interface IPhysicalTruth
{
    /// <summary>The pad's surface temperature against the skin, °C.</summary>
    double PadSurfaceC(int pad);

    /// <summary>The vibration amplitude the tactor really makes, 0..1.</summary>
    double VibrationAmplitude(int channel);

    /// <summary>The force really on the sensor, N.</summary>
    double ForceN(int channel);
}
