namespace AmpsDevice.Simulator.Patient;

/// <summary>
/// Constants of the virtual patient. ILLUSTRATIVE: they give the clinical shape (amplified pain that
/// falls over weeks of daily, tolerated, graded exposure; slower progress after distressing sessions;
/// noisy integer ratings; withdrawals when pain runs high), not fitted values. No published data
/// gives these numbers for a device like this one; do not read them as clinical facts.
/// </summary>
public sealed record VirtualPatientParameters
{
    // ---- Perception: stimulus → "drive" S (1 ≈ a stimulus at a typical pain threshold) -----------

    /// <summary>Warming above 32 °C that reaches a typical heat pain threshold, °C (≈ 45 °C; QST heat
    /// pain thresholds lie around 43-46 °C).</summary>
    public double HeatThresholdDeviationC { get; init; } = 13.0;

    /// <summary>Cooling below 32 °C that reaches a typical cold pain threshold, °C (≈ 12 °C; QST cold
    /// pain thresholds spread widely, roughly 5-20 °C).</summary>
    public double ColdThresholdDeviationC { get; init; } = 20.0;

    /// <summary>Exponent of the thermal stimulus-response (Stevens-type power law; pain grows faster than linearly).</summary>
    public double ThermalExponent { get; init; } = 1.5;

    /// <summary>Vibration amplitude (0..1, at the most sensitive frequency) that would count as one
    /// threshold unit: vibration is not painful in health, so this lies beyond full scale.</summary>
    public double VibrationThresholdAmplitude { get; init; } = 1.6;

    /// <summary>Frequency of the highest vibrotactile sensitivity, Hz (Pacinian corpuscles, 200-250 Hz).</summary>
    public double VibrationBestHz { get; init; } = 220.0;

    /// <summary>Pressure that reaches a typical pressure pain threshold, N (children's pressure pain
    /// thresholds with a 1 cm² algometer are a few kg, i.e. tens of newtons).</summary>
    public double PressureThresholdN { get; init; } = 40.0;

    /// <summary>Exponent of the pressure stimulus-response.</summary>
    public double PressureExponent { get; init; } = 1.5;

    /// <summary>Extra drive a sustained stimulus gains (temporal summation), as a fraction.</summary>
    public double TemporalSummation { get; init; } = 0.3;

    /// <summary>Time constant of the temporal summation, s.</summary>
    public double TemporalSummationS { get; init; } = 20.0;

    /// <summary>Pain (NRS) = 10·(1 − exp(−k·G·S)) + spontaneous; k chosen so that a threshold
    /// stimulus (S = 1) at normal sensitivity (G = 1) rates ≈ 1.5.</summary>
    public double PainSlope { get; init; } = 0.1625;

    // ---- Amplification and its course -------------------------------------------------------

    /// <summary>Sensitivity (gain) at the start of the program; 1 is a typical healthy child.
    /// AMPS is amplified pain with allodynia, so the gain starts well above 1.</summary>
    public double InitialSensitivity { get; init; } = 5.0;

    /// <summary>Spread of the initial sensitivity between patients (log-normal σ, from the seed).</summary>
    public double InitialSensitivitySpread { get; init; } = 0.15;

    /// <summary>Sensitivity never falls below this (normal sensation).</summary>
    public double FloorSensitivity { get; init; } = 1.0;

    /// <summary>Ongoing (spontaneous) pain at the initial sensitivity, NRS; it scales with the excess
    /// sensitivity, so it fades as the amplification does.</summary>
    public double SpontaneousPainAtStart { get; init; } = 2.0;

    /// <summary>Per-session desensitization: the excess sensitivity shrinks by exp(−rate × effect).</summary>
    public double DesensitizationRate { get; init; } = 0.08;

    /// <summary>Exposure time that gives 63 % of a session's possible effect, s (diminishing returns).</summary>
    public double DoseScaleS { get; init; } = 600.0;

    /// <summary>Max pain at which a session is a full challenge; gentler sessions teach less (half at 0).</summary>
    public double ChallengePain { get; init; } = 3.0;

    /// <summary>Max pain at which a session counts as distressing even if not stopped.</summary>
    public double DistressPain { get; init; } = 8.0;

    /// <summary>Effect of a distressing session relative to a tolerated one (slower progress).</summary>
    public double DistressEffect { get; init; } = 0.3;

    /// <summary>Session-to-session variability of the effect (log-normal σ).</summary>
    public double SessionEffectSpread { get; init; } = 0.3;

    /// <summary>Relapse toward the initial sensitivity between sessions, per day.</summary>
    public double RecoveryPerDay { get; init; } = 0.01;

    // ---- Reports and behaviour --------------------------------------------------------------

    /// <summary>Noise of a pain rating, NRS points (σ before rounding; NRS ratings vary by about ±1).</summary>
    public double RatingNoise { get; init; } = 0.7;

    /// <summary>Largest withdrawal hazard, per second, reached at unbearable pain.</summary>
    public double WithdrawalMaxPerS { get; init; } = 0.2;

    /// <summary>Pain at which the withdrawal hazard is half its maximum, NRS.</summary>
    public double WithdrawalHalfPain { get; init; } = 8.0;

    /// <summary>Withdrawal hazard while any stimulus is felt, whatever the pain, per second: a child with amplified
    /// pain sometimes pulls away in anticipation (fear-avoidance, a startle), not only when it hurts. At this rate
    /// a few minutes of stimulation bring a withdrawal in about one session in twenty.</summary>
    public double WithdrawalStartlePerS { get; init; } = 0.0003;

    /// <summary>Steepness of the withdrawal hazard (logistic scale), NRS points.</summary>
    public double WithdrawalPainScale { get; init; } = 0.7;

    /// <summary>The default patient.</summary>
    public static VirtualPatientParameters Default { get; } = new();
}
