using System.ComponentModel.DataAnnotations;

namespace AmpsDevice.FirmwareHost.Sessions;

/// <summary>Configuration section "Session".</summary>
public sealed class SessionOptions
{
    public const string SectionName = "Session";

    /// <summary>A paused session that nobody resumes within this time is stopped, s.</summary>
    // Double bounds: with int ones the range check first rounds the value to an int, so 9.6 and 3600.4 s passed.
    [Range(10.0, 3600.0)]
    public double PauseTimeoutS { get; set; } = 300;

    /// <summary>Rate at which a pause brings pads back to neutral, °C/s (gentle; within every profile's ramp limit).</summary>
    [Range(0.1, 2.0)]
    public double PauseReturnRateCPerS { get; set; } = 1.0;

    /// <summary><c>session.start</c> over MQTT starts at once instead of waiting for the local start button.</summary>
    public bool AllowRemoteStart { get; set; }
}
