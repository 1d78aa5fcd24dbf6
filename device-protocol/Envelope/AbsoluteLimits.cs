namespace AmpsDevice.Protocol.Envelope;

/// <summary>
/// The device's compiled-in safety envelope: the one place every limit lives, with its source.
/// Configuration may tighten any of these (see <c>SafetyLimitsOptions</c> in the firmware host),
/// never loosen them. The profile validator and every safety rule read from here.
/// </summary>
public static class AbsoluteLimits
{
    // ---- Thermal ----------------------------------------------------------------------------

    /// <summary>Pad surface trip, °C. IEC 60601-1 3rd ed. Table 24: applied parts in contact with
    /// skin for 10 min or more must not exceed 43 °C.</summary>
    public const double PadMaxTripC = 43.0;

    /// <summary>Highest target a profile may ask, °C: a 1 °C margin under the trip for control overshoot.</summary>
    public const double PadMaxTargetC = 42.0;

    /// <summary>Pad surface low trip, °C. Cold and non-freezing cold injury risk grows below 15 °C with
    /// prolonged exposure; skin sensation fails near 10 °C.</summary>
    public const double PadMinTripC = 10.0;

    /// <summary>Lowest target a profile may ask, °C.</summary>
    public const double PadMinTargetC = 15.0;

    /// <summary>Neutral (baseline) pad temperature, °C: Medoc Pathway and DFNS QST baseline.</summary>
    public const double NeutralC = 32.0;

    /// <summary>Continuous time allowed below <see cref="ColdExposureBelowC"/>, s (Pathway's caution on
    /// repeated cold: cold stimuli are brief).</summary>
    public const double ColdExposureMaxS = 120.0;

    /// <summary>Threshold of the cold-exposure timer, °C.</summary>
    public const double ColdExposureBelowC = 18.0;

    /// <summary>Continuous time allowed above <see cref="WarmExposureAboveC"/>, s (IEC 60601-1 contact-time bands).</summary>
    public const double WarmExposureMaxS = 600.0;

    /// <summary>Threshold of the warm-exposure timer, °C.</summary>
    public const double WarmExposureAboveC = 41.0;

    /// <summary>Fastest ramp a profile may ask, °C/s. DFNS uses 1 °C/s; gentler for children.</summary>
    public const double MaxRampCPerS = 2.0;

    /// <summary>Slowest ramp a profile may ask, °C/s, so that a step cannot take hours to reach its target.</summary>
    public const double MinRampCPerS = 0.05;

    /// <summary>Longest hold of one thermal step, s: Medoc Pathway's 600 s hold limit.</summary>
    public const double MaxThermalHoldS = 600.0;

    /// <summary>Measured rise rate that no commanded ramp can explain, °C/s (thermal runaway).</summary>
    public const double RunawayRiseCPerS = 4.0;

    /// <summary>Heating drive at or above which the pad must visibly warm, 0..1 (Klipper verify_heater /
    /// Marlin watch period: sensor off the pad or dead Peltier).</summary>
    public const double HeatingCheckDrive = 0.8;

    /// <summary>Minimum rise expected within <see cref="HeatingCheckWindowS"/> at that drive, °C.</summary>
    public const double HeatingCheckMinRiseC = 1.0;

    /// <summary>Window of the heating check, s.</summary>
    public const double HeatingCheckWindowS = 20.0;

    /// <summary>Hold error that trips once held longer than <see cref="HoldErrorMaxS"/>, °C (Marlin hysteresis idea).</summary>
    public const double HoldErrorMaxC = 3.0;

    /// <summary>How long a hold error may last, s.</summary>
    public const double HoldErrorMaxS = 10.0;

    /// <summary>Disagreement between the control and the independent safety sensor, °C (single-fault safety).</summary>
    public const double SensorDisagreementMaxC = 2.0;

    /// <summary>How long the disagreement may last, s.</summary>
    public const double SensorDisagreementMaxS = 1.0;

    /// <summary>Plausible range of any temperature reading, °C: outside it the sensor is broken.</summary>
    public const double SensorPlausibleMinC = -10.0;

    /// <summary>Upper end of the plausible range, °C.</summary>
    public const double SensorPlausibleMaxC = 80.0;

    /// <summary>Consecutive ticks without a fresh reading before a sensor counts as lost.</summary>
    public const int SensorStaleTicks = 3;

    // ---- Vibration --------------------------------------------------------------------------

    /// <summary>Lowest vibration frequency, Hz (Meissner corpuscles respond from about 20 Hz).</summary>
    public const double VibrationMinHz = 20.0;

    /// <summary>Highest vibration frequency, Hz (Pacinian range 60-400 Hz; most sensitive 200-250 Hz).</summary>
    public const double VibrationMaxHz = 300.0;

    /// <summary>Longest continuous vibration bout at one site, s (focal vibration dwell 20-60 s per area).</summary>
    public const double VibrationMaxBoutS = 60.0;

    /// <summary>Rest required after a full bout before the same site vibrates again, s.</summary>
    public const double VibrationMinRestAfterBoutS = 10.0;

    /// <summary>Daily vibration dose limit, as A(8) in m/s² (EU 2002/44/EC hand-arm exposure limit
    /// value 5 m/s²; the action value is 2.5 m/s²). The device stays at the action value.</summary>
    public const double VibrationDailyA8MaxMPerS2 = 2.5;

    /// <summary>Acceleration of a channel at full calibrated amplitude, m/s² (tactor datasheet, on skin).</summary>
    public const double VibrationFullScaleMPerS2 = 10.0;

    // ---- Paced breathing --------------------------------------------------------------------

    /// <summary>Slowest paced-breathing cue, breaths/min. Slow "resonance" breathing is about 6/min in
    /// adults (Lehrer and Gevirtz 2014, Front. Psychol. 5:756); below 4/min a child cannot follow a cue
    /// without breath-holding.</summary>
    public const double BreathingMinPerMin = 4.0;

    /// <summary>Fastest paced-breathing cue, breaths/min: the upper end of the resting respiratory rate of
    /// children from 6 years (Fleming et al. 2011, Lancet 377:1011); faster pacing would drive hyperventilation.</summary>
    public const double BreathingMaxPerMin = 20.0;

    // ---- Pressure ---------------------------------------------------------------------------

    /// <summary>Applied force trip, N: well below pressure pain thresholds of children.</summary>
    public const double PressureMaxTripN = 60.0;

    /// <summary>Highest target force a profile may ask, N: a margin under the trip.</summary>
    public const double PressureMaxTargetN = 50.0;

    /// <summary>Withdrawal: force falling by more than this fraction ...</summary>
    public const double WithdrawalDropFraction = 0.7;

    /// <summary>... within this window, s, during a stimulus (the withdrawal reflex).</summary>
    public const double WithdrawalWindowS = 0.5;

    // ---- Loop and session -------------------------------------------------------------------

    /// <summary>Consecutive missed control ticks that trip: a starved loop cannot protect anyone.</summary>
    public const int MaxMissedTicks = 3;

    /// <summary>Longest session a profile may describe, s (two hours).</summary>
    public const double MaxSessionS = 7200.0;

    /// <summary>Pain rating scale (0-10 numeric rating scale).</summary>
    public const int PainScaleMax = 10;
}
