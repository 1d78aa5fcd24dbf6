namespace AmpsDevice.Simulator.Physics;

/// <summary>
/// Constants of the virtual patient's limb on one force sensor. The shapes follow human motor
/// control (a reflex withdrawal much faster than voluntary pressing, force-dependent tremor); the
/// numbers are illustrative choices inside the physiological ranges quoted with each.
/// </summary>
public sealed record LimbParameters
{
    /// <summary>Force of a relaxed limb resting on the sensor, N (2-4 N: the share of a
    /// child's forearm or hand weight that bears on a small sensor).</summary>
    public double RestingForceN { get; init; } = 3.0;

    /// <summary>Force above which the limb counts as on the sensor, N.</summary>
    public double ContactThresholdN { get; init; } = 0.1;

    /// <summary>Time constant of the force decay in a withdrawal, s. 40 ms: 95 % gone in 120 ms,
    /// the 100-200 ms of a nociceptive withdrawal reflex movement.</summary>
    public double WithdrawTimeConstantS { get; init; } = 0.04;

    /// <summary>Time constant with which the limb settles back to rest after <see cref="LimbModel.Return"/>
    /// or an overload, s: with the follower's lag the resting force is back in about 0.5 s.</summary>
    public double ReturnTimeConstantS { get; init; } = 0.12;

    /// <summary>Mean rate of a voluntary guided press, N/s ("a few N/s").</summary>
    public double PressRateNPerS { get; init; } = 5.0;

    /// <summary>Relative spread of the press rate from one press to the next (uniform ±).</summary>
    public double PressRateSpread { get; init; } = 0.2;

    /// <summary>Natural frequency of the force follower, Hz: voluntary force control corrects at
    /// about 1-2 Hz.</summary>
    public double FollowerNaturalHz { get; init; } = 1.5;

    /// <summary>Damping ratio of the follower: 0.6 gives a small overshoot when a ramp stops.</summary>
    public double FollowerDamping { get; init; } = 0.6;

    /// <summary>Physiological tremor frequency, Hz (8-12 Hz band).</summary>
    public double TremorHz { get; init; } = 9.0;

    /// <summary>Tremor amplitude, N, at zero force ...</summary>
    public double TremorBaseN { get; init; } = 0.02;

    /// <summary>... plus this fraction of the force (signal-dependent motor noise, about 1-2 % of force).</summary>
    public double TremorFraction { get; init; } = 0.01;

    /// <summary>Standard deviation of slow force drift, N, at zero force ...</summary>
    public double DriftBaseN { get; init; } = 0.02;

    /// <summary>... plus this fraction of the force.</summary>
    public double DriftFraction { get; init; } = 0.015;

    /// <summary>Correlation time of the drift, s.</summary>
    public double DriftTimeConstantS { get; init; } = 0.8;

    /// <summary>The default limb.</summary>
    public static LimbParameters Default { get; } = new();
}
