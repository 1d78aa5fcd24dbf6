namespace AmpsDevice.Simulator.Physics;

/// <summary>
/// The physical truth of one vibration channel. The drive is a square wave of duty D at the commanded
/// frequency; its fundamental, which the tactor reproduces (the harmonics fall above its band), is
/// proportional to sin(π·D): full scale at D = 0.5. That forward relation is the physics modelled here; the
/// device's inverse (which duty to drive for an amplitude) is the driver's, not the simulator's. The envelope
/// follows the target with a first-order time constant; the steady amplitude is sin(π·D) × <see cref="FrequencyResponse"/>.
/// </summary>
public sealed class TactorModel
{
    private readonly TactorParameters _p;
    private double _driveFrequencyHz;
    private double _duty;
    private bool _powered;
    private double _target;
    private double _amplitude;
    private double _cachedDtS = double.NaN;
    private double _cachedDecay;

    public TactorModel(TactorParameters p)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(p.CoilResistanceOhm, nameof(p));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(p.EnvelopeTimeConstantS, nameof(p));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(p.LowCornerHz, nameof(p));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(p.HighCornerHz, nameof(p));
        _p = p;
    }

    public TactorParameters Parameters => _p;

    /// <summary>Vibration amplitude, 0..1 of full scale (full scale: D = 0.5 in the flat band).</summary>
    public double AmplitudeFraction => _amplitude;

    /// <summary>Frequency the skin feels, Hz; 0 once the tactor is still.</summary>
    public double FrequencyHz => _amplitude > _p.StillAmplitude ? _driveFrequencyHz : 0.0;

    /// <summary>Average supply current, A: duty × rail / (coil + series resistance) while powered.</summary>
    public double CurrentA => _powered ? _duty * _p.RailV / (_p.CoilResistanceOhm + _p.SeriesResistanceOhm) : 0.0;

    /// <summary>Sets the drive: square-wave frequency (Hz), duty (0..1) and the channel's power switch.</summary>
    public void SetDrive(double frequencyHz, double dutyCycle, bool powered)
    {
        _driveFrequencyHz = double.IsFinite(frequencyHz) && frequencyHz > 0.0 ? frequencyHz : 0.0;
        _duty = double.IsFinite(dutyCycle) ? Math.Clamp(dutyCycle, 0.0, 1.0) : 0.0;
        _powered = powered;
        _target = powered && _driveFrequencyHz > 0.0
            ? Math.Sin(Math.PI * _duty) * FrequencyResponse(_driveFrequencyHz)
            : 0.0;
    }

    /// <summary>Advances the envelope by <paramref name="dtS"/> seconds (exact exponential step).</summary>
    public void Step(double dtS)
    {
        if (!(dtS > 0.0))
        {
            return;
        }

        if (dtS != _cachedDtS)
        {
            _cachedDtS = dtS;
            _cachedDecay = Math.Exp(-dtS / _p.EnvelopeTimeConstantS);
        }

        _amplitude = _target + (_amplitude - _target) * _cachedDecay;
    }

    /// <summary>Relative response at <paramref name="frequencyHz"/>, 0..1: first-order high-pass at
    /// <see cref="TactorParameters.LowCornerHz"/> times first-order low-pass at
    /// <see cref="TactorParameters.HighCornerHz"/>. 0.88 at 120 Hz, 0.82 at 200 Hz, 0.70 at 300 Hz and
    /// 0.45 at 20 Hz with the defaults; the control layer may calibrate against it.</summary>
    public double FrequencyResponse(double frequencyHz)
    {
        if (!(frequencyHz > 0.0))
        {
            return 0.0;
        }

        double low = _p.LowCornerHz / frequencyHz;
        double high = frequencyHz / _p.HighCornerHz;
        return 1.0 / Math.Sqrt((1.0 + low * low) * (1.0 + high * high));
    }
}
