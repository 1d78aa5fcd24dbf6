using AmpsDevice.FirmwareHost.Hardware.Chips.Ads1115;

namespace AmpsDevice.FirmwareHost.Hardware;

/// <summary>One ADS1115 converting its channels round-robin, one conversion per tick.</summary>
internal sealed class AdcScan(Ads1115 adc, string name, AdcSlot[] slots)
{
    private int _slot;
    private bool _needsStart = true;

    /// <summary>Ticks between fresh readings of one channel.</summary>
    public int Length => slots.Length;

    public void Start()
    {
        if (slots.Length > 0)
        {
            adc.StartConversion(slots[0].Channel);
            _needsStart = false;
        }
    }

    /// <summary>
    /// One step of the round-robin: reads the conversion started last tick if it is done, starts the next,
    /// and marks every other channel not fresh. A bus failure marks every channel on this ADC not ok.
    /// </summary>
    public void Scan(SensorFrame frame, HardwareOptions options)
    {
        if (slots.Length == 0)
        {
            return;
        }

        var done = -1;
        var volts = 0.0;
        try
        {
            if (_needsStart)
            {
                adc.StartConversion(slots[_slot].Channel);
                _needsStart = false;
            }
            else if (adc.TryReadConversion(out _, out volts))
            {
                done = _slot;
                _slot = (_slot + 1) % slots.Length;
                _needsStart = true;
                adc.StartConversion(slots[_slot].Channel);
                _needsStart = false;
            }
        }
        catch (DeviceIoException)
        {
            // The whole ADC is lost this tick: every channel on it is not ok.
            _needsStart = true;
            frame.FailedTransfers++;
            frame.FirstFailure ??= name;
            for (var s = 0; s < slots.Length; s++)
            {
                ref var lost = ref ValueOf(frame, slots[s]);
                lost.Ok = false;
                lost.Fresh = false;
                lost.TicksSinceFresh++;
            }

            if (done < 0)
            {
                return;
            }
        }

        for (var s = 0; s < slots.Length; s++)
        {
            ref var value = ref ValueOf(frame, slots[s]);
            if (s != done)
            {
                value.Fresh = false;
                value.TicksSinceFresh++;
                continue;
            }

            var slot = slots[s];
            var ok = true;
            double quantity;
            switch (slot.Kind)
            {
                case AdcSlotKind.PadSafety:
                    ok = SensorConversions.TryNtcCelsius(volts, options.Ntc, out quantity);
                    break;
                case AdcSlotKind.VibrationCurrent:
                    quantity = SensorConversions.ShuntCurrentA(volts, options.CurrentSense);
                    break;
                default:
                    quantity = SensorConversions.FsrForceN(volts, options.Pressure[slot.Index]);
                    break;
            }

            if (ok)
            {
                value.Value = quantity;
                value.Ok = true;
                value.Fresh = true;
                value.TicksSinceFresh = 0;
            }
            else
            {
                // Open or shorted NTC: a reading, but of no temperature.
                value.Ok = false;
                value.Fresh = false;
                value.TicksSinceFresh++;
                frame.FirstFailure ??= slot.Name;
            }
        }
    }

    private static ref SensorValue ValueOf(SensorFrame frame, AdcSlot slot)
    {
        switch (slot.Kind)
        {
            case AdcSlotKind.PadSafety:
                return ref frame.Pads[slot.Index].SafetyC;
            case AdcSlotKind.VibrationCurrent:
                return ref frame.Vibration[slot.Index].CurrentA;
            default:
                return ref frame.Pressure[slot.Index].ForceN;
        }
    }
}
