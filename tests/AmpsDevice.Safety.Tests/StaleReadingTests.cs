using AmpsDevice.FirmwareHost.Hardware;
using AmpsDevice.FirmwareHost.Safety.Rules;

namespace AmpsDevice.Safety.Tests;

/// <summary>
/// A sensor that still answers but delivers no new conversion (SensorLostRule, sensor-lost): a control sensor
/// (TMP117, a new result every 15.5 ms) trips on the 3rd tick without one at 100 Hz, an ADC input after 250 ms.
/// </summary>
public class StaleReadingTests
{
    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(3, true)]
    public void A_control_sensor_without_a_new_conversion_trips_sensor_lost_on_the_third_tick(int ticksWithoutConversion, bool trips)
    {
        var h = new SupervisorHarness();
        h.Sensors.Pads[0].ControlC = new SensorValue { Value = 36.0, Ok = true, Fresh = false, TicksSinceFresh = ticksWithoutConversion };
        h.Sensors.Pads[0].SafetyC = SupervisorHarness.Good(36.0);
        var outputs = h.Running();

        Assert.Equal(trips, h.Step(outputs));
        Assert.Equal(trips, outputs.IsSafe);
        Assert.Equal(trips, h.Alarms.Contains("sensor-lost", "pad1.control"));
        if (trips)
        {
            Assert.Contains(h.Alarms.Active, a => a.Message.StartsWith("pad1.control has delivered no new reading for 30 ms.", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData(0.01, 3)]   // 100 Hz: the next result is due by the 2nd tick
    [InlineData(0.02, 2)]   // 50 Hz: every tick carries a new result
    [InlineData(0.005, 5)]  // 200 Hz: due by the 4th tick
    [InlineData(0.001, 17)] // 1 kHz: due by the 16th tick
    [InlineData(SensorLostRule.ControlSensorCycleS, 2)] // a tick per conversion: due every tick
    public void The_control_sensor_stale_limit_is_its_conversion_cycle_in_whole_ticks_plus_one(double tickPeriodS, int ticks) =>
        Assert.Equal(ticks, SensorLostRule.ControlStaleTicks(tickPeriodS));

    [Theory]
    [InlineData(24, false)]
    [InlineData(25, true)]
    public void An_adc_input_without_a_new_conversion_trips_sensor_lost_after_250_ms(int ticksWithoutConversion, bool trips)
    {
        var h = new SupervisorHarness();
        h.Sensors.Pads[1].SafetyC = new SensorValue { Value = 36.0, Ok = true, Fresh = false, TicksSinceFresh = ticksWithoutConversion };
        h.Sensors.Pads[1].ControlC = SupervisorHarness.Good(36.0);

        Assert.Equal(trips, h.Step(h.Running()));
        Assert.Equal(trips, h.Alarms.Contains("sensor-lost", "pad2.safety"));
    }
}
