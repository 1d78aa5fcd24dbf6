namespace AmpsDevice.Simulator.Physics;

/// <summary>
/// The physical truth of one thermal pad: a two-node lumped model (skin-side pad, heat sink) joined
/// by a Peltier module. Positive <see cref="AppliedVoltage"/> heats the skin-facing surface,
/// negative cools it.
/// <para>
/// Heat into the pad node:  α·I·T_pad + ½·I²·R − K·(T_pad − T_sink) + G_skin·(T_core − T_pad) + G_air·(T_amb − T_pad);
/// heat into the sink node: −α·I·T_sink + ½·I²·R + K·(T_pad − T_sink) + G_fan·(T_amb − T_sink);
/// current I = (V − α·(T_pad − T_sink))/R (the module's own Seebeck voltage opposes the drive).
/// Temperatures are kelvin in the Peltier terms. The two heat flows add up to V·I exactly.
/// </para>
/// <para>
/// Integration: linearised trapezoidal rule (a one-stage Rosenbrock step with γ = ½ and the exact
/// Jacobian: second order, A-stable; one 2 × 2 solve per step, ≈ 40 flops, no allocation). The simulator
/// takes one step per control tick (10 ms): over heating, holding, cooling and a stuck-on heater its surface
/// temperature stays within 0.0001 °C of a fine reference (PadTrajectoryTests).
/// </para>
/// </summary>
public sealed class PeltierPadModel
{
    private readonly double _alpha;
    private readonly double _resistance;
    private readonly double _invResistance;
    private readonly double _alpha2OverR;
    private readonly double _k;
    private readonly double _invPadC;
    private readonly double _invSinkC;
    private readonly double _gSkin;
    private readonly double _gPadAir;
    private readonly double _gFan;
    private readonly double _coreC;
    private readonly double _ambientC;

    private double _padC;
    private double _sinkC;

    /// <summary>Creates a pad whose heat sink starts at the ambient temperature.</summary>
    /// <param name="p">Module and assembly constants, e.g. <see cref="PeltierPadParameters.Tec1_12706"/>.</param>
    /// <param name="ambientC">Room air, °C (the fan blows it over the sink).</param>
    /// <param name="initialC">Pad surface at the start, °C.</param>
    public PeltierPadModel(PeltierPadParameters p, double ambientC, double initialC)
        : this(p, ambientC, initialC, ambientC)
    {
    }

    /// <summary>Creates a pad with an explicit starting heat-sink temperature.</summary>
    public PeltierPadModel(PeltierPadParameters p, double ambientC, double initialC, double initialSinkC)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(p.SeebeckVPerK, nameof(p));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(p.ResistanceOhm, nameof(p));
        ArgumentOutOfRangeException.ThrowIfNegative(p.ConductanceWPerK, nameof(p));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(p.PadHeatCapacityJPerK, nameof(p));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(p.SinkHeatCapacityJPerK, nameof(p));
        ArgumentOutOfRangeException.ThrowIfNegative(p.SinkToAmbientWPerK, nameof(p));
        ArgumentOutOfRangeException.ThrowIfNegative(p.SkinContactWPerK, nameof(p));
        ArgumentOutOfRangeException.ThrowIfNegative(p.PadToAmbientWPerK, nameof(p));
        if (!double.IsFinite(ambientC) || !double.IsFinite(initialC) || !double.IsFinite(initialSinkC))
        {
            throw new ArgumentOutOfRangeException(nameof(initialC), "Temperatures must be finite.");
        }

        Parameters = p;
        _alpha = p.SeebeckVPerK;
        _resistance = p.ResistanceOhm;
        _invResistance = 1.0 / p.ResistanceOhm;
        _alpha2OverR = p.SeebeckVPerK * p.SeebeckVPerK / p.ResistanceOhm;
        _k = p.ConductanceWPerK;
        _invPadC = 1.0 / p.PadHeatCapacityJPerK;
        _invSinkC = 1.0 / p.SinkHeatCapacityJPerK;
        _gSkin = p.SkinContactWPerK;
        _gPadAir = p.PadToAmbientWPerK;
        _gFan = p.SinkToAmbientWPerK;
        _coreC = p.BodyCoreC;
        _ambientC = ambientC;
        _padC = initialC;
        _sinkC = initialSinkC;
    }

    public PeltierPadParameters Parameters { get; }

    /// <summary>Average voltage across the module, V (+ heats the skin side, − cools it). With PWM
    /// this is duty × rail; the off phase is taken as the bridge's brake (terminals shorted), so at
    /// 0 V the module's Seebeck current still flows. See <see cref="OpenCircuit"/>.</summary>
    public double AppliedVoltage { get; set; }

    /// <summary>True when the H-bridge is disabled (high impedance): no current at all, whatever
    /// <see cref="AppliedVoltage"/> says. The device's safe state.</summary>
    public bool OpenCircuit { get; set; }

    /// <summary>A limb rests on the pad (default true): the pad exchanges heat with the body.</summary>
    public bool SkinContact { get; set; } = true;

    /// <summary>Pad surface temperature, °C: the physical truth that sensors may misreport.</summary>
    public double SurfaceC => _padC;

    /// <summary>Heat-sink temperature, °C.</summary>
    public double HeatSinkC => _sinkC;

    /// <summary>Room air, °C.</summary>
    public double AmbientC => _ambientC;

    /// <summary>Module current, A (positive while heating the pad side).</summary>
    public double CurrentA => OpenCircuit ? 0.0 : (AppliedVoltage - _alpha * (_padC - _sinkC)) * _invResistance;

    /// <summary>Electrical power into the module, W (V·I; can be negative for a moment when the
    /// module runs as a generator at 0 V).</summary>
    public double ElectricalPowerW => OpenCircuit ? 0.0 : AppliedVoltage * CurrentA;

    /// <summary>Heat flowing from the pad into the skin now, W (negative when the skin warms the pad).</summary>
    public double HeatToSkinW => SkinContact ? _gSkin * (_padC - _coreC) : 0.0;

    /// <summary>Heat leaving the assembly to the room now (pad by convection, sink by the fan), W.</summary>
    public double HeatToAmbientW => _gPadAir * (_padC - _ambientC) + _gFan * (_sinkC - _ambientC);

    /// <summary>Heat stored relative to 0 °C, J (pad and sink heat capacities × temperature).</summary>
    public double StoredHeatJ => _padC / _invPadC + _sinkC / _invSinkC;

    /// <summary>Advances the model by <paramref name="dtS"/> seconds under the present drive (one control
    /// tick, at most 10 ms, in the simulator).</summary>
    public void Step(double dtS)
    {
        if (!(dtS > 0.0))
        {
            return;
        }

        double tp = _padC;
        double ts = _sinkC;
        double tpK = tp + PeltierPadParameters.ZeroCelsiusK;
        double tsK = ts + PeltierPadParameters.ZeroCelsiusK;
        double dT = tp - ts;

        double current, a2r;
        if (OpenCircuit)
        {
            current = 0.0;
            a2r = 0.0;
        }
        else
        {
            current = (AppliedVoltage - _alpha * dT) * _invResistance;
            a2r = _alpha2OverR;
        }

        double aI = _alpha * current;
        double joule = 0.5 * current * current * _resistance;
        double gSkin = SkinContact ? _gSkin : 0.0;

        double qPad = aI * tpK + joule - _k * dT + gSkin * (_coreC - tp) + _gPadAir * (_ambientC - tp);
        double qSink = -aI * tsK + joule + _k * dT + _gFan * (_ambientC - ts);

        // Jacobian of (qPad, qSink) with respect to (tp, ts); dI/dTp = −α/R, dI/dTs = +α/R.
        double jpp = -a2r * tpK - _k - gSkin - _gPadAir;
        double jps = a2r * tpK + aI + _k;
        double jsp = a2r * tsK - aI + _k;
        double jss = -a2r * tsK - _k - _gFan;

        // (1 − ½h·J)·Δ = h·q with h = dt / C per node: the trapezoidal rule on the system linearised at
        // the step's start, exact for the linear part to second order (backward Euler's ½ is 1).
        double hp = dtS * _invPadC;
        double hs = dtS * _invSinkC;
        double a11 = 1.0 - 0.5 * hp * jpp;
        double a12 = -0.5 * hp * jps;
        double a21 = -0.5 * hs * jsp;
        double a22 = 1.0 - 0.5 * hs * jss;
        double b1 = hp * qPad;
        double b2 = hs * qSink;
        double invDet = 1.0 / (a11 * a22 - a12 * a21);

        _padC = tp + (b1 * a22 - a12 * b2) * invDet;
        _sinkC = ts + (a11 * b2 - a21 * b1) * invDet;
    }
}
