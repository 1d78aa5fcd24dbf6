namespace AmpsDevice.FirmwareHost.Control;

/// <summary>First-order low-pass (exponential smoothing with a time constant), for the force channels.</summary>
public struct LowPassFilter
{
    private bool _primed;

    /// <summary>The filtered value.</summary>
    public double Value { get; private set; }

    public double Update(double input, double dtS, double timeConstantS)
    {
        if (!_primed)
        {
            _primed = true;
            Value = input;
            return Value;
        }

        Value += dtS / (timeConstantS + dtS) * (input - Value);
        return Value;
    }
}
