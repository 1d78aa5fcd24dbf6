namespace AmpsDevice.Simulator.Patient;

/// <summary>How one desensitization session went, from the patient's side.</summary>
/// <param name="MaxPain">Highest pain of the session, NRS 0-10.</param>
/// <param name="EndedInDistress">The session was stopped for the patient (stop button, withdrawal,
/// pain at the stop threshold) rather than completed.</param>
/// <param name="ExposureS">Time the patient actually spent under stimulation, s.</param>
/// <param name="DaysUntilNextSession">Rest before the next session, days (1 for a daily program).</param>
public readonly record struct SessionExperience(
    double MaxPain,
    bool EndedInDistress,
    double ExposureS,
    double DaysUntilNextSession = 1.0);
