namespace AmpsDevice.Protocol.Envelope;

/// <summary>
/// The device's compiled-in safety limits, each defined once as a <see cref="SafetyLimit"/>: key, unit, value,
/// source, and which way configuration may tighten it. <see cref="LimitSet"/> holds the values in force (these,
/// tightened by the <c>Safety</c> configuration section of the firmware host, never loosened); the profile
/// envelope and the safety supervisor's rules read them from there. A rule's own parameters (how long a
/// runaway is watched, what drive the heating check expects a response to) are named in the rule's own file.
/// The constants further down are fixed properties of the therapy, not limits a clinic tightens.
/// </summary>
public static class AbsoluteLimits
{
    // ---- Thermal ----------------------------------------------------------------------------

    /// <summary>Pad surface trip, °C: under <see cref="SkinContactMaxC"/> by what the surface still rises after a
    /// trip under the worst single fault, and a margin for what the simulator does not model.</summary>
    public static readonly SafetyLimit PadMaxTripC = new(nameof(PadMaxTripC), "°C", 42.5, SaferDirection.Lower,
        "IEC 60601-1 3rd ed. Table 24: applied parts in contact with skin for 10 min or more must not exceed 43 °C. " +
        "Under the worst single fault (the control sensor reading up to 2 °C low, inside the disagreement tolerance, at the hottest target) " +
        "only the NTC, read every 40 ms, sees the surface rise at full drive, and the surface ends up to 0.3 °C past the trip " +
        "(simulated with sensor noise, docs/safety.md); 0.5 °C under 43 °C leaves at least 0.2 °C for the NTC's own error", Magnitude: false);

    /// <summary>Highest target a profile may ask, °C.</summary>
    public static readonly SafetyLimit PadMaxTargetC = new(nameof(PadMaxTargetC), "°C", 42.0, SaferDirection.Lower,
        "a 0.5 °C margin under the 42.5 °C trip for control overshoot (at most +0.19 °C on the sensor, +0.07 °C on the surface, " +
        "docs/safety.md, pad temperature control)", Magnitude: false);

    /// <summary>Pad surface low trip, °C.</summary>
    public static readonly SafetyLimit PadMinTripC = new(nameof(PadMinTripC), "°C", 10.0, SaferDirection.Higher,
        "cold and non-freezing cold injury risk grows below 15 °C with prolonged exposure; skin sensation fails near 10 °C", Magnitude: false);

    /// <summary>Lowest target a profile may ask, °C.</summary>
    public static readonly SafetyLimit PadMinTargetC = new(nameof(PadMinTargetC), "°C", 15.0, SaferDirection.Higher,
        "cold injury risk grows below 15 °C with prolonged exposure", Magnitude: false);

    /// <summary>Continuous time a pad may stay below <see cref="ColdExposureBelowC"/>, s.</summary>
    public static readonly SafetyLimit ColdExposureMaxS = new(nameof(ColdExposureMaxS), "s", 120.0, SaferDirection.Lower,
        "Medoc Pathway's caution on repeated cold: cold stimuli are brief");

    /// <summary>Continuous time a pad may stay above <see cref="WarmExposureAboveC"/>, s.</summary>
    public static readonly SafetyLimit WarmExposureMaxS = new(nameof(WarmExposureMaxS), "s", 600.0, SaferDirection.Lower,
        "IEC 60601-1 Table 24 contact-time bands");

    /// <summary>Fastest ramp a profile may ask, °C/s.</summary>
    public static readonly SafetyLimit MaxRampCPerS = new(nameof(MaxRampCPerS), "°C/s", 2.0, SaferDirection.Lower,
        "DFNS QST uses 1 °C/s; kept gentle for children");

    /// <summary>Slowest ramp a profile may ask, °C/s.</summary>
    public static readonly SafetyLimit MinRampCPerS = new(nameof(MinRampCPerS), "°C/s", 0.05, SaferDirection.Higher,
        "so that a step cannot take hours to reach its target");

    /// <summary>Longest hold of one thermal step, s.</summary>
    public static readonly SafetyLimit MaxThermalHoldS = new(nameof(MaxThermalHoldS), "s", 600.0, SaferDirection.Lower,
        "Medoc Pathway's 600 s hold limit");

    // ---- Vibration --------------------------------------------------------------------------

    /// <summary>Lowest vibration frequency, Hz.</summary>
    public static readonly SafetyLimit VibrationMinHz = new(nameof(VibrationMinHz), "Hz", 20.0, SaferDirection.Higher,
        "Meissner corpuscles respond from about 20 Hz");

    /// <summary>Highest vibration frequency, Hz.</summary>
    public static readonly SafetyLimit VibrationMaxHz = new(nameof(VibrationMaxHz), "Hz", 300.0, SaferDirection.Lower,
        "Pacinian range 60-400 Hz, most sensitive at 200-250 Hz");

    /// <summary>Longest continuous vibration bout at one site, s.</summary>
    public static readonly SafetyLimit VibrationMaxBoutS = new(nameof(VibrationMaxBoutS), "s", 60.0, SaferDirection.Lower,
        "focal vibration dwell of 20-60 s per area");

    /// <summary>Daily vibration dose, A(8) in m/s² (one session alone must stay under it too).</summary>
    public static readonly SafetyLimit VibrationDailyA8MaxMPerS2 = new(nameof(VibrationDailyA8MaxMPerS2), "m/s²", 2.5, SaferDirection.Lower,
        "EU 2002/44/EC hand-arm vibration: exposure limit value 5 m/s², action value 2.5 m/s²; the device stays at the action value");

    // ---- Pressure ---------------------------------------------------------------------------

    /// <summary>Applied force trip, N.</summary>
    public static readonly SafetyLimit PressureMaxTripN = new(nameof(PressureMaxTripN), "N", 60.0, SaferDirection.Lower,
        "well below the pressure pain thresholds of children");

    /// <summary>Highest target force a profile may ask, N.</summary>
    public static readonly SafetyLimit PressureMaxTargetN = new(nameof(PressureMaxTargetN), "N", 50.0, SaferDirection.Lower,
        "a margin under the 60 N trip");

    // ---- Session ----------------------------------------------------------------------------

    /// <summary>Longest session a profile may describe, s.</summary>
    public static readonly SafetyLimit MaxSessionS = new(nameof(MaxSessionS), "s", 7200.0, SaferDirection.Lower,
        "two hours");

    /// <summary>Every limit above, in this order.</summary>
    public static IReadOnlyList<SafetyLimit> All { get; } =
    [
        PadMaxTripC, PadMaxTargetC, PadMinTripC, PadMinTargetC, ColdExposureMaxS, WarmExposureMaxS, MaxRampCPerS, MinRampCPerS,
        MaxThermalHoldS, VibrationMinHz, VibrationMaxHz, VibrationMaxBoutS, VibrationDailyA8MaxMPerS2, PressureMaxTripN,
        PressureMaxTargetN, MaxSessionS,
    ];

    // ---- Fixed properties of the therapy (not tightened) ----------------------------------

    /// <summary>Hottest the pad's surface may physically be under any single fault, °C: IEC 60601-1 3rd ed. Table 24,
    /// applied parts in contact with skin for 10 min or more. Not a trip: <see cref="PadMaxTripC"/> sits under it.</summary>
    public const double SkinContactMaxC = 43.0;

    /// <summary>Neutral (baseline) pad temperature, °C: Medoc Pathway and DFNS QST baseline.</summary>
    public const double NeutralC = 32.0;

    /// <summary>What counts as cold for <see cref="ColdExposureMaxS"/>, °C.</summary>
    public const double ColdExposureBelowC = 18.0;

    /// <summary>What counts as warm for <see cref="WarmExposureMaxS"/>, °C.</summary>
    public const double WarmExposureAboveC = 41.0;

    /// <summary>Rest required after a full bout before the same site vibrates again, s.</summary>
    public const double VibrationMinRestAfterBoutS = 10.0;

    /// <summary>Acceleration of a channel at full calibrated amplitude, m/s² (tactor datasheet, on skin).</summary>
    public const double VibrationFullScaleMPerS2 = 10.0;

    /// <summary>Slowest paced-breathing cue, breaths/min. Slow "resonance" breathing is about 6/min in
    /// adults (Lehrer and Gevirtz 2014, Front. Psychol. 5:756); below 4/min a child cannot follow a cue
    /// without breath-holding.</summary>
    public const double BreathingMinPerMin = 4.0;

    /// <summary>Fastest paced-breathing cue, breaths/min: the upper end of the resting respiratory rate of
    /// children from 6 years (Fleming et al. 2011, Lancet 377:1011); faster pacing would drive hyperventilation.</summary>
    public const double BreathingMaxPerMin = 20.0;

    /// <summary>Pain rating scale (0-10 numeric rating scale).</summary>
    public const int PainScaleMax = 10;
}
