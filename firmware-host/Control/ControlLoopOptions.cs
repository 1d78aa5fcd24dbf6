using System.ComponentModel.DataAnnotations;

namespace AmpsDevice.FirmwareHost.Control;

/// <summary>Configuration section "Control".</summary>
public sealed class ControlLoopOptions
{
    public const string SectionName = "Control";

    /// <summary>Control tick rate, Hz. 100 Hz by default: 10 ms between the evidence and the safe state.</summary>
    // Double bounds: with int ones the range check first rounds the value to an int, so 9.6 and 2000.4 Hz passed.
    [Range(10.0, 2000.0)]
    public double TickRateHz { get; set; } = 100;

    /// <summary>
    /// SCHED_FIFO priority of the control-loop thread (1-99; 0 = leave it a normal thread). Above kernel
    /// threads' default 50 only with care: 40 keeps the loop ahead of every normal process without starving
    /// the kernel's own real-time work (interrupt threads, the I2C controller).
    /// </summary>
    [Range(0, 99)]
    public int RealTimePriority { get; set; } = 40;

    /// <summary>Time constant of the force filter, s.</summary>
    [Range(0.001, 1)]
    public double ForceFilterS { get; set; } = 0.05;

    /// <summary>Average drive current of a vibration channel at amplitude 1 (duty 0.5), A (calibration):
    /// 0.5 × 12 V / (8 Ω coil + 1 Ω series resistor) = 0.667 A by design (docs/hardware.md).</summary>
    [Range(0.05, 5)]
    public double MotorFullScaleCurrentA { get; set; } = 0.667;
}
