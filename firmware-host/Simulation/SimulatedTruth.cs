using AmpsDevice.Simulator;

namespace AmpsDevice.FirmwareHost.Simulation;

/// <summary>The physical truth of a <see cref="SimulatedDevice"/>.</summary>
public sealed class SimulatedTruth(SimulatedDevice device) : IPhysicalTruth
{
    public double PadSurfaceC(int pad) => device.Pads[pad].SurfaceC;

    public double VibrationAmplitude(int channel) => device.Vibration[channel].Model.AmplitudeFraction;

    public double ForceN(int channel) => device.Pressure[channel].Limb.ForceN;
}
