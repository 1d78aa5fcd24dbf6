using AmpsDevice.Protocol.Envelope;
using AmpsDevice.Simulator.Physics;

namespace AmpsDevice.Simulator.Patient;

/// <summary>
/// A child with Amplified Musculoskeletal Pain Syndrome (AMPS) going through a graded-exposure
/// desensitization program.
/// <para>
/// Clinical shape modelled (qualitative, from the AMPS literature, e.g. Sherry et al., Clin J Pain
/// 1999, on exercise and desensitization therapy for children with CRPS/AMPS, and reviews of
/// pediatric amplified pain): pain is amplified (allodynia: touch, warmth, cold or vibration that
/// should not hurt, does); it is rated on the 0-10 numeric rating scale; programs expose the child to
/// such stimuli daily for weeks, and tolerated exposure lowers the amplification gradually; sessions
/// that end in distress help less; some ground is lost between sessions. Every number in
/// <see cref="VirtualPatientParameters"/> is illustrative, chosen for that shape, not fitted.
/// </para>
/// <para>
/// Model: perceived pain = min(10, spontaneous + 10·(1 − exp(−k·G·S))), with S the summed stimulus
/// drive (<see cref="StimulusDrive"/>) and G the <see cref="Sensitivity"/>. After each session the
/// excess G − G_floor shrinks by exp(−η·dose·challenge·outcome·noise), then relapses a little per
/// day of rest. Everything random comes from the seed: the same seed and the same calls give the
/// same ratings, withdrawals and course.
/// </para>
/// </summary>
public sealed class VirtualPatient
{
    private readonly VirtualPatientParameters _p;
    private readonly Random _rng;
    private readonly GaussianSource _gauss;
    private readonly double _initialSensitivity;

    public VirtualPatient(VirtualPatientParameters p, int seed)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentOutOfRangeException.ThrowIfLessThan(p.FloorSensitivity, 0.0, nameof(p));
        ArgumentOutOfRangeException.ThrowIfLessThan(p.InitialSensitivity, p.FloorSensitivity, nameof(p));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(p.HeatThresholdDeviationC, nameof(p));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(p.ColdThresholdDeviationC, nameof(p));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(p.VibrationThresholdAmplitude, nameof(p));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(p.PressureThresholdN, nameof(p));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(p.DoseScaleS, nameof(p));
        _p = p;
        Seed = seed;
        _rng = new Random(seed);
        _gauss = new GaussianSource(_rng);
        double excess = (p.InitialSensitivity - p.FloorSensitivity) * Math.Exp(p.InitialSensitivitySpread * _gauss.Next());
        _initialSensitivity = p.FloorSensitivity + excess;
        Sensitivity = _initialSensitivity;
    }

    public VirtualPatientParameters Parameters => _p;

    public int Seed { get; }

    /// <summary>Pain gain G: 1 is a typical healthy child; an AMPS patient starts well above.</summary>
    public double Sensitivity { get; private set; }

    /// <summary>This patient's sensitivity at the start of the program.</summary>
    public double InitialSensitivity => _initialSensitivity;

    /// <summary>Sessions completed so far (stopped ones included).</summary>
    public int SessionsCompleted { get; private set; }

    /// <summary>Days since the program began.</summary>
    public double ProgramDay { get; private set; }

    /// <summary>Ongoing pain without any stimulus, NRS (continuous), fading with the excess sensitivity.</summary>
    public double SpontaneousPain
    {
        get
        {
            double initialExcess = _initialSensitivity - _p.FloorSensitivity;
            return initialExcess > 0.0
                ? _p.SpontaneousPainAtStart * (Sensitivity - _p.FloorSensitivity) / initialExcess
                : 0.0;
        }
    }

    /// <summary>
    /// Stimulus drive S, unitless (1 ≈ one modality at a typical pain threshold): the sum over
    /// modalities of (intensity / threshold)^exponent, vibration weighted by the Pacinian tuning
    /// curve, all scaled up by temporal summation for sustained stimuli. Monotone in every input's
    /// magnitude and independent of the patient's state.
    /// </summary>
    public double StimulusDrive(in StimulusExposure exposure)
    {
        double dev = Checked(exposure.ThermalDeviationC, nameof(exposure));
        double heat = dev > 0.0 ? Math.Pow(dev / _p.HeatThresholdDeviationC, _p.ThermalExponent) : 0.0;
        double cold = dev < 0.0 ? Math.Pow(-dev / _p.ColdThresholdDeviationC, _p.ThermalExponent) : 0.0;

        double amplitude = Math.Clamp(Checked(exposure.VibrationAmplitude, nameof(exposure)), 0.0, 1.0);
        double vibration = amplitude * VibrationTuning(Checked(exposure.VibrationFrequencyHz, nameof(exposure))) / _p.VibrationThresholdAmplitude;

        double force = Math.Max(0.0, Checked(exposure.PressureN, nameof(exposure)));
        double pressure = Math.Pow(force / _p.PressureThresholdN, _p.PressureExponent);

        double duration = Math.Max(0.0, Checked(exposure.DurationS, nameof(exposure)));
        double summation = 1.0 + _p.TemporalSummation * (1.0 - Math.Exp(-duration / _p.TemporalSummationS));
        return (heat + cold + vibration + pressure) * summation;
    }

    /// <summary>Pain the patient feels now, NRS 0-10, continuous and noise-free.</summary>
    public double PerceivedPain(in StimulusExposure exposure)
    {
        double evoked = 10.0 * (1.0 - Math.Exp(-_p.PainSlope * Sensitivity * StimulusDrive(exposure)));
        return Math.Min(AbsoluteLimits.PainScaleMax, SpontaneousPain + evoked);
    }

    /// <summary>The pain rating the patient gives, an integer 0-10 (perceived pain plus rating noise).</summary>
    public int RatePain(in StimulusExposure exposure)
    {
        double noisy = PerceivedPain(exposure) + _p.RatingNoise * _gauss.Next();
        return (int)Math.Clamp(Math.Round(noisy, MidpointRounding.AwayFromZero), 0.0, AbsoluteLimits.PainScaleMax);
    }

    /// <summary>Withdrawal hazard, per second: logistic in the perceived pain, plus the startle hazard while any
    /// stimulus is felt (<see cref="VirtualPatientParameters.WithdrawalStartlePerS"/>).</summary>
    public double WithdrawalHazardPerS(in StimulusExposure exposure)
    {
        double pain = PerceivedPain(exposure);
        double startle = StimulusDrive(exposure) > 0.0 ? _p.WithdrawalStartlePerS : 0.0;
        return startle + (_p.WithdrawalMaxPerS / (1.0 + Math.Exp(-(pain - _p.WithdrawalHalfPain) / _p.WithdrawalPainScale)));
    }

    /// <summary>Whether the patient pulls the limb away during the next <paramref name="dtS"/> seconds.</summary>
    public bool WillWithdraw(in StimulusExposure exposure, double dtS)
    {
        if (!(dtS > 0.0))
        {
            return false;
        }

        double probability = 1.0 - Math.Exp(-WithdrawalHazardPerS(exposure) * dtS);
        return _rng.NextDouble() < probability;
    }

    /// <summary>
    /// Updates the amplification after a session: tolerated, challenging, long enough exposure
    /// desensitizes most; distress slows progress; then the rest days let a little come back.
    /// </summary>
    public void CompleteSession(in SessionExperience experience)
    {
        double maxPain = Math.Clamp(Checked(experience.MaxPain, nameof(experience)), 0.0, AbsoluteLimits.PainScaleMax);
        double dose = 1.0 - Math.Exp(-Math.Max(0.0, Checked(experience.ExposureS, nameof(experience))) / _p.DoseScaleS);
        double challenge = _p.ChallengePain > 0.0 ? 0.5 + 0.5 * Math.Min(1.0, maxPain / _p.ChallengePain) : 1.0;
        bool distress = experience.EndedInDistress || maxPain >= _p.DistressPain;
        double outcome = distress ? _p.DistressEffect : 1.0;
        double variability = Math.Exp(_p.SessionEffectSpread * _gauss.Next());

        double excess = Sensitivity - _p.FloorSensitivity;
        excess *= Math.Exp(-_p.DesensitizationRate * dose * challenge * outcome * variability);

        double days = Math.Max(0.0, Checked(experience.DaysUntilNextSession, nameof(experience)));
        double initialExcess = _initialSensitivity - _p.FloorSensitivity;
        excess += (initialExcess - excess) * (1.0 - Math.Exp(-_p.RecoveryPerDay * days));

        Sensitivity = _p.FloorSensitivity + Math.Max(0.0, excess);
        SessionsCompleted++;
        ProgramDay += days;
    }

    /// <summary>Relative vibrotactile sensitivity, 0..1: a bell over log-frequency peaking at
    /// <see cref="VirtualPatientParameters.VibrationBestHz"/> (the Pacinian U-shaped threshold curve,
    /// flattened); 0.71 a factor 3 away from the best frequency.</summary>
    private double VibrationTuning(double frequencyHz)
    {
        if (!(frequencyHz > 0.0))
        {
            return 0.0;
        }

        double decades3 = Math.Log(frequencyHz / _p.VibrationBestHz) / Math.Log(3.0);
        return 1.0 / Math.Sqrt(1.0 + decades3 * decades3);
    }

    private static double Checked(double value, string name) =>
        double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(name, value, "Stimulus and session figures must be finite.");
}
