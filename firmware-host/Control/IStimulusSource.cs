using AmpsDevice.FirmwareHost.Safety;

namespace AmpsDevice.FirmwareHost.Control;

/// <summary>
/// Decides, each tick, what each channel should do (the session engine). Runs on the control thread
/// after the safety supervisor, so it sees this tick's trips and can end or pause the session in the
/// same tick. Never blocks; allocates nothing in steady state.
/// </summary>
public interface IStimulusSource
{
    /// <summary>Fills <paramref name="targets"/> for this tick.</summary>
    void Update(SafetyContext safety, SafetySupervisor supervisor, ReadOnlySpan<double> filteredForceN, StimulusTargets targets);
}
