using AmpsDevice.FirmwareHost.Hardware;
using AmpsDevice.FirmwareHost.Safety;
using AmpsDevice.FirmwareHost.Safety.Rules;

namespace AmpsDevice.Safety.Tests;

/// <summary>
/// SensorLostRule (sensor-lost) beyond the pad sensors of <see cref="StaleReadingTests"/>: the drive currents and the
/// forces are watched the same way, the GPIO inputs trip on their 3rd unreadable tick, each loss is reported once, and
/// the ADC stale limit is 250 ms in whole ticks (never fewer than 3) at any control period.
/// </summary>
public class SensorLostRuleTests
{
    [Theory]
    [InlineData("vib1.current", null, "vib1.current has not answered for 3 ticks (I/O error).")]
    [InlineData("pressure2", "ads1115@0x49", "pressure2 has not answered for 3 ticks (ads1115@0x49).")]
    public void A_current_or_force_sensor_that_stops_answering_trips_on_the_third_failed_tick_once(string target, string? firstFailure, string opening)
    {
        var h = new SupervisorHarness();
        var trips = new List<Trip>();
        for (var t = 1; t <= 6; t++)
        {
            var failed = new SensorValue { Value = 0.1, Ok = false, TicksSinceFresh = t };
            if (target == "vib1.current")
            {
                h.Sensors.Vibration[0].CurrentA = failed;
            }
            else
            {
                h.Sensors.Pressure[1].ForceN = failed;
            }

            h.Sensors.FirstFailure = firstFailure;
            Assert.Equal(t >= 3, h.Step(h.Running()));
            trips.AddRange(h.Context.Trips.Where(x => x.Rule == "sensor-lost"));
            Assert.Equal(t >= 3, trips.Count == 1);
        }

        var trip = Assert.Single(trips);
        Assert.Equal(target, trip.Target);
        Assert.Equal(opening + " The sensor is disconnected or its I2C bus failed. Check the sensor cable and connector.", trip.Message);
    }

    [Theory]
    [InlineData(24, false)]
    [InlineData(25, true)]
    public void A_current_or_force_without_a_new_conversion_trips_after_250_ms(int ticksWithoutConversion, bool trips)
    {
        var h = new SupervisorHarness();
        var stale = new SensorValue { Value = 0.0, Ok = true, Fresh = false, TicksSinceFresh = ticksWithoutConversion };
        h.Sensors.Vibration[1].CurrentA = stale;
        h.Sensors.Pressure[0].ForceN = stale with { Value = 3.0 };

        Assert.Equal(trips, h.Step(h.Running()));
        Assert.Equal(trips ? new[] { "vib2.current", "pressure1" } : [], h.Context.Trips.Select(t => t.Target));
        if (trips)
        {
            Assert.Equal(
                "pressure1 has delivered no new reading for 250 ms. The sensor has stopped converting. Check its power and connector.",
                h.Context.Trips[1].Message);
        }
    }

    [Theory]
    [InlineData(0.03, 8, false)] // 250 ms is 8.3 ticks of 30 ms: the 9th trips
    [InlineData(0.03, 9, true)]
    [InlineData(0.2, 2, false)] // 250 ms is 1.25 ticks of 200 ms, but never fewer than 3
    [InlineData(0.2, 3, true)]
    public void The_adc_stale_limit_is_250_ms_rounded_up_to_whole_ticks_and_at_least_3(double tickPeriodS, int ticksWithoutConversion, bool trips)
    {
        var h = new SupervisorHarness(tickPeriodS: tickPeriodS);
        h.Sensors.Pads[0].SafetyC = new SensorValue { Value = 32.0, Ok = true, Fresh = false, TicksSinceFresh = ticksWithoutConversion };

        h.Step(h.Running());
        Assert.Equal(trips, h.Alarms.Contains("sensor-lost", "pad1.safety"));
        if (trips)
        {
            Assert.StartsWith($"pad1.safety has delivered no new reading for {ticksWithoutConversion * tickPeriodS * 1000:0} ms.", h.Alarms.Active[0].Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Unreadable_inputs_trip_on_the_third_tick_in_a_row_once()
    {
        var h = new SupervisorHarness();
        var trips = new List<Trip>();
        foreach (var failed in new[] { true, true, false, true, true, true, true, true })
        {
            h.Sensors.InputsFailed = failed;
            h.Step(h.Running());
            trips.AddRange(h.Context.Trips);
        }

        // The readable third tick starts the count again: the trip is on the 6th tick, reported once.
        var trip = Assert.Single(trips);
        Assert.Equal(("sensor-lost", "inputs", 5L), (trip.Rule, trip.Target, trip.Tick));
        Assert.Equal("The GPIO inputs (E-stop, patient stop) cannot be read. Without them nobody can stop the device, so it stopped. Check the GPIO wiring.", trip.Message);
    }

    [Fact]
    public void An_acknowledgement_starts_the_count_of_unreadable_input_ticks_afresh()
    {
        var h = new SupervisorHarness();
        h.Sensors.InputsFailed = true;
        h.Step(h.Running());
        h.Step(h.Running());
        h.Alarms.RequestAcknowledge();
        Assert.False(h.Step(h.Running()));
        Assert.True(h.Supervisor.AcknowledgedThisTick);
        Assert.False(h.Step(h.Running()));
        Assert.True(h.Step(h.Running()));
        Assert.True(h.Alarms.Contains("sensor-lost", "inputs"));
    }
}
