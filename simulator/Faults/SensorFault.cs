namespace AmpsDevice.Simulator.Faults;

/// <summary>
/// What is wrong with one sensor, applied between the physical truth and the sensor's output:
/// stuck (the output frozen at what it was), offset, Gaussian noise from the device's seeded
/// random source. Disconnection is the bus's (or the front end's) business and lives in the device.
/// </summary>
public sealed class SensorFault
{
    private readonly Random _rng;
    private double _lastOutput = double.NaN;
    private double _frozen;

    public SensorFault(Random rng) => _rng = rng ?? throw new ArgumentNullException(nameof(rng));

    /// <summary>The output is frozen.</summary>
    public bool Stuck { get; private set; }

    /// <summary>Added to the truth (°C or N).</summary>
    public double Offset { get; set; }

    /// <summary>Standard deviation of the added noise (°C or N).</summary>
    public double NoiseStdDev { get; set; }

    /// <summary>The sensor no longer answers (chip) or reads open circuit (NTC).</summary>
    public bool Disconnected { get; set; }

    /// <summary>Freezes the output at its last value.</summary>
    public void Stick(double currentTruth)
    {
        _frozen = double.IsNaN(_lastOutput) ? currentTruth + Offset : _lastOutput;
        Stuck = true;
    }

    public void Clear()
    {
        Stuck = false;
        Offset = 0;
        NoiseStdDev = 0;
        Disconnected = false;
    }

    /// <summary>The sensor's output for the physical <paramref name="truth"/>.</summary>
    public double Apply(double truth)
    {
        if (Stuck)
        {
            return _frozen;
        }

        var value = truth + Offset;
        if (NoiseStdDev > 0)
        {
            // Box-Muller: one standard normal from two uniforms.
            var u1 = 1.0 - _rng.NextDouble();
            var u2 = _rng.NextDouble();
            value += NoiseStdDev * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        }

        _lastOutput = value;
        return value;
    }
}
