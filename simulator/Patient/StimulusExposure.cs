using AmpsDevice.Protocol.Envelope;

namespace AmpsDevice.Simulator.Patient;

/// <summary>
/// What the skin under the device receives at one moment, in physical terms (the simulator's truth,
/// not what the controller meant to do). Modalities add: a warm pad with vibration is more than either.
/// </summary>
/// <param name="ThermalDeviationC">Pad surface minus the 32 °C neutral temperature, °C (+ warm, − cool).</param>
/// <param name="VibrationAmplitude">Vibration amplitude at the skin, 0..1 of full scale.</param>
/// <param name="VibrationFrequencyHz">Vibration frequency, Hz (0 when still).</param>
/// <param name="PressureN">Force on the limb, N.</param>
/// <param name="DurationS">How long the stimulus has lasted so far, s (temporal summation).</param>
public readonly record struct StimulusExposure(
    double ThermalDeviationC = 0.0,
    double VibrationAmplitude = 0.0,
    double VibrationFrequencyHz = 0.0,
    double PressureN = 0.0,
    double DurationS = 0.0)
{
    /// <summary>Nothing touching but a neutral pad.</summary>
    public static StimulusExposure None => default;

    /// <summary>A pad at <paramref name="padC"/> for <paramref name="durationS"/> seconds.</summary>
    public static StimulusExposure Thermal(double padC, double durationS) =>
        new(ThermalDeviationC: padC - AbsoluteLimits.NeutralC, DurationS: durationS);

    /// <summary>Vibration of <paramref name="amplitude"/> (0..1) at <paramref name="frequencyHz"/>.</summary>
    public static StimulusExposure Vibration(double amplitude, double frequencyHz, double durationS) =>
        new(VibrationAmplitude: amplitude, VibrationFrequencyHz: frequencyHz, DurationS: durationS);

    /// <summary>A press of <paramref name="forceN"/> newtons.</summary>
    public static StimulusExposure Pressure(double forceN, double durationS) =>
        new(PressureN: forceN, DurationS: durationS);
}
