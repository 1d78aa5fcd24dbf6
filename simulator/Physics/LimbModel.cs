namespace AmpsDevice.Simulator.Physics;

/// <summary>What the limb is doing.</summary>
public enum LimbState
{
    /// <summary>Relaxed on the sensor at the resting force.</summary>
    Resting,

    /// <summary>Pressing toward <see cref="LimbModel.GuidedTargetN"/>.</summary>
    Pressing,

    /// <summary>Pulled off the sensor (a withdrawal).</summary>
    Withdrawn,

    /// <summary>Held at a forced value (an injected overload).</summary>
    Overloaded,
}

/// <summary>
/// The physical force the virtual patient's limb puts on one force sensor. Voluntary force follows
/// a rate-limited intention through a second-order follower (lag, small overshoot, settling);
/// withdrawal is a fast first-order fall; tremor (8-12 Hz) and slow drift grow with force. All noise
/// comes from the <see cref="Random"/> given, so a seed fixes the whole trace.
/// </summary>
public sealed class LimbModel
{
    /// <summary>The follower is the recurrence of substeps of at most 1 ms whatever step the caller takes, so a
    /// long step gives the same force as 1 ms steps; only the noise is updated once per step.</summary>
    private const double MaxSubstepS = LimbFollowerStep.MaxSubstepS;

    /// <summary>The tremor phase wanders by this s.d. per millisecond (a random walk: it scales with √dt).</summary>
    private const double TremorPhaseJitterPerMs = 0.05;

    private readonly LimbParameters _p;
    private readonly Random _rng;
    private readonly ZigguratGaussianSource _gauss;
    private readonly double _omega;

    private double _force;      // noise-free force, N
    private double _velocity;   // N/s
    private double _reference;  // intended force, N
    private double _pressRate;  // N/s for the current press
    private double _overloadN;
    private double? _target;
    private double _drift;
    private double _tremorPhase;
    private double _noise;

    // exp() factors for the last step sizes seen (the simulator always steps 1 ms): no exp per step.
    private double _cachedH = double.NaN;
    private double _withdrawDecay;
    private double _returnGain;
    private double _cachedDt = double.NaN;
    private double _driftDecay;
    private double _driftKick;
    private double _phaseJitter;

    // The follower's substeps over the last step size seen, in closed form (the simulator steps 10 ms at a time).
    private LimbFollowerStep _follower;

    public LimbModel(LimbParameters p, Random rng)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentOutOfRangeException.ThrowIfNegative(p.RestingForceN, nameof(p));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(p.WithdrawTimeConstantS, nameof(p));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(p.ReturnTimeConstantS, nameof(p));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(p.PressRateNPerS, nameof(p));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(p.FollowerNaturalHz, nameof(p));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(p.DriftTimeConstantS, nameof(p));
        _p = p;
        _rng = rng;
        _gauss = new ZigguratGaussianSource(rng);
        _omega = 2.0 * Math.PI * p.FollowerNaturalHz;
        _force = p.RestingForceN;
        _reference = p.RestingForceN;
        _pressRate = p.PressRateNPerS;
        _tremorPhase = 2.0 * Math.PI * rng.NextDouble();
        State = LimbState.Resting;
    }

    public LimbParameters Parameters => _p;

    public LimbState State { get; private set; }

    /// <summary>Force on the sensor, N, tremor included; never negative.</summary>
    public double ForceN => State == LimbState.Overloaded ? _overloadN : Math.Max(0.0, _force + _noise);

    /// <summary>The limb touches the sensor.</summary>
    public bool OnSensor => ForceN > _p.ContactThresholdN;

    /// <summary>Force the patient is asked to press with, N; null: just rest. Setting it ends an
    /// overload; a withdrawn limb remembers it and presses once returned.</summary>
    public double? GuidedTargetN
    {
        get => _target;
        set
        {
            if (value is double v && (!double.IsFinite(v) || v < 0.0))
            {
                throw new ArgumentOutOfRangeException(nameof(value), v, "A target force must be finite and ≥ 0 N.");
            }

            _target = value;
            if (State == LimbState.Withdrawn)
            {
                return;
            }

            if (State == LimbState.Overloaded)
            {
                LeaveOverload();
            }

            State = value is null ? LimbState.Resting : LimbState.Pressing;
            if (value is not null)
            {
                _pressRate = _p.PressRateNPerS * (1.0 + _p.PressRateSpread * (2.0 * _rng.NextDouble() - 1.0));
            }
        }
    }

    /// <summary>Pulls the limb off the sensor: the force falls to ~0 within ~150 ms.</summary>
    public void Withdraw()
    {
        if (State == LimbState.Overloaded)
        {
            LeaveOverload();
        }

        State = LimbState.Withdrawn;
        _velocity = 0.0;
    }

    /// <summary>Puts the limb back (or relaxes an overload): resting force within ~0.5 s, then a
    /// press toward <see cref="GuidedTargetN"/> if one is set.</summary>
    public void Return()
    {
        if (State == LimbState.Overloaded)
        {
            LeaveOverload();
        }

        _reference = _force;
        State = LimbState.Resting;
        if (_target is not null)
        {
            GuidedTargetN = _target;
        }
    }

    /// <summary>Forces the sensor to <paramref name="forceN"/> at once, until <see cref="Return"/> or a new target.</summary>
    public void Overload(double forceN)
    {
        if (!double.IsFinite(forceN) || forceN < 0.0)
        {
            throw new ArgumentOutOfRangeException(nameof(forceN), forceN, "An overload force must be finite and ≥ 0 N.");
        }

        _overloadN = forceN;
        State = LimbState.Overloaded;
    }

    /// <summary>Advances the limb by <paramref name="dtS"/> seconds.</summary>
    public void Step(double dtS)
    {
        if (!(dtS > 0.0) || State == LimbState.Overloaded)
        {
            return;
        }

        if (!TryAdvanceWhole(dtS))
        {
            double remaining = dtS;
            while (remaining > 0.0)
            {
                double h = remaining > MaxSubstepS ? MaxSubstepS : remaining;
                remaining -= h;
                Advance(h);
            }
        }

        UpdateNoise(dtS);
    }

    /// <summary>The whole step's substeps at once (<see cref="LimbFollowerStep"/>); false where only the substeps
    /// one by one give it: a press that reaches its target inside the step, a force that might reach zero.</summary>
    private bool TryAdvanceWhole(double dtS)
    {
        if (_follower.StepS != dtS)
        {
            _follower = new LimbFollowerStep(dtS, _omega, _p.FollowerDamping, _p.WithdrawTimeConstantS, _p.ReturnTimeConstantS);
        }

        if (State == LimbState.Withdrawn)
        {
            // A monotonic fall: below the floor at the end exactly when a substep would have reached it.
            _force *= _follower.WithdrawLeft;
            if (_force < 1e-3)
            {
                _force = 0.0;
            }

            _velocity = 0.0;
            _reference = _force;
            return true;
        }

        double after;
        if (State == LimbState.Pressing && _target is double target)
        {
            // Every substep moves the reference by the press rate, or none does: it is on the target.
            double error = target - _reference;
            double ramp = error == 0.0 ? 0.0 : Math.CopySign(_pressRate, error);
            if (Math.Abs(error) < _pressRate * dtS && error != 0.0)
            {
                return false;
            }

            after = _reference + (ramp * dtS);
            if (!_follower.TryAdvance(ref _force, ref _velocity, _reference, ramp, null, after))
            {
                return false;
            }
        }
        else
        {
            double rest = _p.RestingForceN;
            after = rest + ((_reference - rest) * _follower.ReturnLeft);
            if (!_follower.TryAdvance(ref _force, ref _velocity, _reference, 0.0, rest, after))
            {
                return false;
            }
        }

        _reference = after;
        return true;
    }

    private void Advance(double h)
    {
        if (h != _cachedH)
        {
            _cachedH = h;
            _withdrawDecay = Math.Exp(-h / _p.WithdrawTimeConstantS);
            _returnGain = 1.0 - Math.Exp(-h / _p.ReturnTimeConstantS);
        }

        if (State == LimbState.Withdrawn)
        {
            _force *= _withdrawDecay;
            if (_force < 1e-3)
            {
                _force = 0.0;
            }

            _velocity = 0.0;
            _reference = _force;
            return;
        }

        if (State == LimbState.Pressing && _target is double target)
        {
            double maxStep = _pressRate * h;
            double error = target - _reference;
            _reference += Math.Clamp(error, -maxStep, maxStep);
        }
        else
        {
            _reference += (_p.RestingForceN - _reference) * _returnGain;
        }

        // Semi-implicit Euler of F'' = ω²(r − F) − 2ζωF'; stable for ω·h < 2 (here ω·h ≤ 0.05).
        double accel = _omega * _omega * (_reference - _force) - 2.0 * _p.FollowerDamping * _omega * _velocity;
        _velocity += accel * h;
        _force += _velocity * h;
        if (_force < 0.0)
        {
            _force = 0.0;
            _velocity = 0.0;
        }
    }

    private void UpdateNoise(double dtS)
    {
        if (State == LimbState.Withdrawn || _force <= 0.0)
        {
            _noise = 0.0;
            return;
        }

        // Ornstein-Uhlenbeck drift (exact update) plus a tremor oscillation with a wandering phase.
        if (dtS != _cachedDt)
        {
            _cachedDt = dtS;
            _driftDecay = Math.Exp(-dtS / _p.DriftTimeConstantS);
            _driftKick = Math.Sqrt(1.0 - _driftDecay * _driftDecay);
            _phaseJitter = TremorPhaseJitterPerMs * Math.Sqrt(dtS / 0.001);
        }

        double sigma = _p.DriftBaseN + _p.DriftFraction * _force;
        _drift = _drift * _driftDecay + sigma * _driftKick * _gauss.Next();
        _tremorPhase += 2.0 * Math.PI * _p.TremorHz * dtS + _phaseJitter * _gauss.Next();
        if (_tremorPhase > 2.0 * Math.PI)
        {
            _tremorPhase %= 2.0 * Math.PI;
        }

        double tremor = (_p.TremorBaseN + _p.TremorFraction * _force) * Math.Sin(_tremorPhase);

        // Noise fades in with contact, so a limb barely touching cannot "buzz" on and off the sensor.
        double contact = _p.RestingForceN > 0.0 ? Math.Min(1.0, _force / _p.RestingForceN) : 1.0;
        _noise = (_drift + tremor) * contact;
    }

    private void LeaveOverload()
    {
        _force = _overloadN;
        _reference = _overloadN;
        _velocity = 0.0;
    }
}
