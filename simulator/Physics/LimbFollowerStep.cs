namespace AmpsDevice.Simulator.Physics;

/// <summary>
/// The limb's force follower taken over a whole step in one go: the closed form of the substeps of at most
/// <see cref="MaxSubstepS"/> that <see cref="LimbModel"/> would otherwise integrate one at a time. Each substep is
/// a semi-implicit Euler step of F'' = ω²(r − F) − 2ζωF', linear in (F', F) and the new reference r, so n substeps
/// are x_n = Φ·x_0 + Σ Φ_k·b_k·r_k. The reference follows one of three known shapes within a step (a ramp at the
/// press rate, a constant at the target, an exponential return to rest), so the sum is a few precomputed vectors
/// times the step's first reference. The same arithmetic as the substeps, in another order: equal to them to
/// rounding. What the closed form cannot take (the force might cross zero, where the substeps clamp it; a ramp
/// that reaches its target inside the step) the caller integrates substep by substep.
/// </summary>
internal readonly struct LimbFollowerStep
{
    /// <summary>The follower's substep, s; a step is cut into substeps of this size and a remainder.</summary>
    public const double MaxSubstepS = 0.001;

    // Φ: the state (velocity, force) after the step as a function of the state before it.
    private readonly double _vv, _vf, _fv, _ff;

    // How the references inside the step reach (velocity, force): constant (G0), growing with the time into the
    // step (G1, for a ramp), decaying as the return to rest does (Gq).
    private readonly double _g0V, _g0F, _g1V, _g1F, _gqV, _gqF;

    // The growth bound of the zero-crossing guard: ω²·T + 2ζω, and 1 − T·(ω²·T + 2ζω).
    private readonly double _omegaSquared;
    private readonly double _growth;
    private readonly double _contraction;

    public LimbFollowerStep(double stepS, double omega, double damping, double withdrawTimeConstantS, double returnTimeConstantS)
    {
        StepS = stepS;
        _omegaSquared = omega * omega;
        double b = 2.0 * damping * omega;
        double vv = 1.0, vf = 0.0, fv = 0.0, ff = 1.0;
        double g0V = 0.0, g0F = 0.0, g1V = 0.0, g1F = 0.0, gqV = 0.0, gqF = 0.0;
        double elapsed = 0.0, returnLeft = 1.0, withdrawLeft = 1.0;

        // The substeps exactly as LimbModel cuts a step of this size.
        double remaining = stepS;
        while (remaining > 0.0)
        {
            double h = remaining > MaxSubstepS ? MaxSubstepS : remaining;
            remaining -= h;
            elapsed += h;
            returnLeft *= 1.0 - (1.0 - Math.Exp(-h / returnTimeConstantS)); // as the substeps round their gain
            withdrawLeft *= Math.Exp(-h / withdrawTimeConstantS);

            // One substep: v' = (1 − bh)·v − ω²h·F + ω²h·r;  F' = F + h·v'.
            double avv = 1.0 - b * h, avf = -_omegaSquared * h, bv = _omegaSquared * h;
            double afv = h * avv, aff = 1.0 + h * avf, bf = h * bv;
            (vv, vf, fv, ff) = ((avv * vv) + (avf * fv), (avv * vf) + (avf * ff), (afv * vv) + (aff * fv), (afv * vf) + (aff * ff));
            (g0V, g0F) = ((avv * g0V) + (avf * g0F) + bv, (afv * g0V) + (aff * g0F) + bf);
            (g1V, g1F) = ((avv * g1V) + (avf * g1F) + (bv * elapsed), (afv * g1V) + (aff * g1F) + (bf * elapsed));
            (gqV, gqF) = ((avv * gqV) + (avf * gqF) + (bv * returnLeft), (afv * gqV) + (aff * gqF) + (bf * returnLeft));
        }

        (_vv, _vf, _fv, _ff) = (vv, vf, fv, ff);
        (_g0V, _g0F, _g1V, _g1F, _gqV, _gqF) = (g0V, g0F, g1V, g1F, gqV, gqF);
        ReturnLeft = returnLeft;
        WithdrawLeft = withdrawLeft;
        _growth = (_omegaSquared * stepS) + b;
        _contraction = 1.0 - (stepS * _growth);
    }

    /// <summary>The step these coefficients take, s.</summary>
    public double StepS { get; }

    /// <summary>What is left of the reference's distance to rest after the step.</summary>
    public double ReturnLeft { get; }

    /// <summary>What is left of a withdrawing force after the step.</summary>
    public double WithdrawLeft { get; }

    /// <summary>
    /// The follower after the step, the reference starting at <paramref name="reference"/> and moving by
    /// <paramref name="rampNPerS"/> per second (0: constant), or, with <paramref name="restN"/> given, returning to
    /// it. False, and nothing changed, where the force might reach zero inside the step (the substeps clamp it there).
    /// </summary>
    public bool TryAdvance(ref double force, ref double velocity, double reference, double rampNPerS, double? restN, double referenceAfter)
    {
        // A bound on the force's fall within the step from bounds on the acceleration and the velocity: if the force
        // stays above zero throughout, no substep would have clamped it and the closed form is theirs.
        double highestReference = Math.Max(Math.Abs(reference), Math.Abs(referenceAfter));
        double speed = Math.Abs(velocity);
        double accelerationBound = ((_omegaSquared * (highestReference + Math.Abs(force))) + (_growth * speed)) / _contraction;
        if (!(_contraction > 0.0) || force - (StepS * speed) - (StepS * StepS * accelerationBound) <= 0.0)
        {
            return false;
        }

        double driveV, driveF;
        if (restN is double rest)
        {
            double away = reference - rest;
            driveV = (rest * _g0V) + (away * _gqV);
            driveF = (rest * _g0F) + (away * _gqF);
        }
        else
        {
            driveV = (reference * _g0V) + (rampNPerS * _g1V);
            driveF = (reference * _g0F) + (rampNPerS * _g1F);
        }

        double v = (_vv * velocity) + (_vf * force) + driveV;
        force = (_fv * velocity) + (_ff * force) + driveF;
        velocity = v;
        return true;
    }
}
