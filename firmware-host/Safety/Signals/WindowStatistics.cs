namespace AmpsDevice.FirmwareHost.Safety.Signals;

/// <summary>What a <see cref="SampleWindow"/> is asked for; it keeps only that.</summary>
[Flags]
public enum WindowStatistics
{
    /// <summary>The least-squares slope (<see cref="SampleWindow.Slope"/>).</summary>
    Slope = 1,

    /// <summary>The largest value (<see cref="SampleWindow.Max"/>).</summary>
    Max = 2,

    /// <summary>Both.</summary>
    SlopeAndMax = Slope | Max,
}
