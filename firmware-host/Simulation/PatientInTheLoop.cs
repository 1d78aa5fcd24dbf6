using AmpsDevice.FirmwareHost.Control;
using AmpsDevice.FirmwareHost.Sessions;
using AmpsDevice.Protocol.Envelope;
using AmpsDevice.Protocol.Messages;
using AmpsDevice.Simulator;
using AmpsDevice.Simulator.Patient;

namespace AmpsDevice.FirmwareHost.Simulation;

/// <summary>
/// The virtual patient on the simulated device during one session of a plan run, and the therapist
/// beside them. Every tick it feels what the simulator says really touches the skin (the pad surface,
/// the tactor's real amplitude, the force on the sensor), not what the controller meant. It rates the
/// worst pain felt since its last rating every <see cref="RatingIntervalS"/> of running time and at the
/// end of every step, through the same command the dashboard uses; it may pull the limb off the sensor
/// (the withdrawal rule sees the force fall) and put it back a few seconds later. The therapist stops a
/// session that the patient paused (pain at the profile's stop, or a withdrawal) after comforting them
/// for <see cref="TherapistStopAfterS"/>. Everything random comes from the patient's seed.
/// </summary>
public sealed class PatientInTheLoop(VirtualPatient patient, SessionEngine engine, SimulatedDevice device, IPhysicalTruth truth) : ITickObserver
{
    /// <summary>How often the patient is asked for a rating while a session runs, s.</summary>
    public const double RatingIntervalS = 30.0;

    /// <summary>How long a withdrawn limb stays off the sensor, s.</summary>
    public const double WithdrawnForS = 3.0;

    /// <summary>How long the therapist comforts a patient who paused the session before stopping it, s.</summary>
    public const double TherapistStopAfterS = 10.0;

    /// <summary>A stimulus weaker than this drive is not felt as one (a pad within a few tenths of a degree of neutral).</summary>
    private const double FeltDrive = 0.01;

    private StimulusExposure _worstSinceRating;
    private double _worstPainSinceRating = -1;
    private double _stimulusSinceS = double.NaN;
    private double _lastTickS = double.NaN;
    private double _nextRatingS = RatingIntervalS;
    private double _runningS;
    private double _returnAtS = double.NaN;
    private double _pausedSinceS = double.NaN;
    private bool _stopAsked;
    private int _lastStep = -1;

    /// <summary>
    /// The therapist beside the patient stops a session the patient paused (true in <c>plan simulate</c>). False under
    /// <c>run</c>, where a real therapist at the console decides.
    /// </summary>
    public bool TherapistStopsPausedSessions { get; init; } = true;

    /// <summary>Time the patient felt a stimulus, s (the session's dose for the patient model).</summary>
    public double ExposureS { get; private set; }

    /// <summary>Highest pain the patient felt (not rated: felt, noise-free), NRS.</summary>
    public double MaxFeltPain { get; private set; }

    public void OnTick(in TickView tick)
    {
        var dt = double.IsNaN(_lastTickS) ? 0 : tick.TimeS - _lastTickS;
        _lastTickS = tick.TimeS;
        if (!double.IsNaN(_returnAtS) && tick.TimeS >= _returnAtS)
        {
            _returnAtS = double.NaN;
            device.Pressure[0].Limb.Return();
        }

        var state = engine.State;
        if (state == SessionState.Paused)
        {
            _pausedSinceS = double.IsNaN(_pausedSinceS) ? tick.TimeS : _pausedSinceS;
            if (TherapistStopsPausedSessions && !_stopAsked && tick.TimeS - _pausedSinceS >= TherapistStopAfterS)
            {
                _stopAsked = true;
                _ = engine.Post(new SessionCommand.Stop(CommandOrigin.Scenario));
            }
        }
        else
        {
            _pausedSinceS = double.NaN;
        }

        if (state != SessionState.Running)
        {
            return;
        }

        var exposure = Exposure(tick.TimeS);
        var pain = patient.PerceivedPain(exposure);
        MaxFeltPain = Math.Max(MaxFeltPain, pain);
        if (pain > _worstPainSinceRating)
        {
            _worstPainSinceRating = pain;
            _worstSinceRating = exposure;
        }

        if (!double.IsNaN(_stimulusSinceS))
        {
            ExposureS += dt;
            if (double.IsNaN(_returnAtS) && patient.WillWithdraw(exposure, dt))
            {
                device.Pressure[0].Limb.Withdraw();
                _returnAtS = tick.TimeS + WithdrawnForS;
            }
        }

        _runningS += dt;
        var step = engine.StepIndex;
        var stepEnded = step != _lastStep && _lastStep >= 0;
        _lastStep = step;
        if (_runningS >= _nextRatingS || stepEnded)
        {
            _nextRatingS = _runningS + RatingIntervalS;
            _ = engine.Post(new SessionCommand.RatePain(CommandOrigin.Scenario, patient.RatePain(_worstSinceRating)));
            _worstPainSinceRating = -1;
            _worstSinceRating = StimulusExposure.None;
        }
    }

    /// <summary>What touches the skin now: the pad farthest from neutral, the strongest vibration, the firmest force.</summary>
    private StimulusExposure Exposure(double nowS)
    {
        double thermal = 0;
        for (var i = 0; i < device.Pads.Length; i++)
        {
            var deviation = truth.PadSurfaceC(i) - AbsoluteLimits.NeutralC;
            thermal = Math.Abs(deviation) > Math.Abs(thermal) ? deviation : thermal;
        }

        double amplitude = 0, frequency = 0;
        for (var i = 0; i < device.Vibration.Length; i++)
        {
            var a = truth.VibrationAmplitude(i);
            if (a > amplitude)
            {
                amplitude = a;
                frequency = device.Vibration[i].FrequencyHz;
            }
        }

        double force = 0;
        for (var i = 0; i < device.Pressure.Length; i++)
        {
            force = Math.Max(force, truth.ForceN(i));
        }

        var now = new StimulusExposure(thermal, amplitude, frequency, force, 0);
        var felt = patient.StimulusDrive(now) > FeltDrive + patient.StimulusDrive(new StimulusExposure(PressureN: device.Pressure[0].Limb.Parameters.RestingForceN));
        _stimulusSinceS = felt ? (double.IsNaN(_stimulusSinceS) ? nowS : _stimulusSinceS) : double.NaN;
        return now with { DurationS = felt ? nowS - _stimulusSinceS : 0 };
    }
}
