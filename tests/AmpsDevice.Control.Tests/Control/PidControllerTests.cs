using AmpsDevice.FirmwareHost.Control;

namespace AmpsDevice.Control.Tests.Control;

/// <summary>
/// The PID's terms one at a time, with gains that make each exact: the proportional term and feed-forward, the
/// integral and its two anti-windup rules at their boundaries, the filtered derivative on the measurement, the limits.
/// </summary>
public sealed class PidControllerTests
{
    private static PidController Pid(double kp = 0, double ki = 0, double kd = 0, double filterS = 0, double min = -1, double max = 1,
        double zone = double.PositiveInfinity) => new(new PidGains(kp, ki, kd, filterS, min, max, zone));

    [Fact]
    public void The_output_is_the_feed_forward_plus_the_gain_times_the_error()
    {
        var pid = Pid(kp: 2, min: -10, max: 10);

        Assert.Equal(4.5, pid.Update(setpoint: 5, measurement: 3, feedForward: 0.5, dtS: 0.1));
        Assert.Equal(4.5, pid.Output);
        Assert.Equal(-4.5, pid.Update(setpoint: 3, measurement: 5, feedForward: -0.5, dtS: 0.1));
    }

    [Fact]
    public void The_output_is_held_within_its_limits()
    {
        var pid = Pid(kp: 1, min: -1, max: 2);

        Assert.Equal(2, pid.Update(setpoint: 10, measurement: 0, feedForward: 0, dtS: 0.1));
        Assert.Equal(-1, pid.Update(setpoint: -10, measurement: 0, feedForward: 0, dtS: 0.1));
        Assert.Equal(-1, pid.Output);
    }

    [Fact]
    public void The_integral_grows_by_the_gain_times_the_error_times_the_step_and_counts_from_the_next_step()
    {
        var pid = Pid(ki: 2, min: -10, max: 10);

        Assert.Equal(0, pid.Update(setpoint: 1, measurement: 0, feedForward: 0, dtS: 0.25));
        Assert.Equal(0.5, pid.Update(setpoint: 1, measurement: 0, feedForward: 0, dtS: 0.25));
        Assert.Equal(1.0, pid.Update(setpoint: 1, measurement: 0, feedForward: 0, dtS: 0.25));
        Assert.Equal(1.5, pid.Update(setpoint: 0, measurement: 0.5, feedForward: 0, dtS: 0.25));
        Assert.Equal(1.25, pid.Update(setpoint: 0, measurement: 0, feedForward: 0, dtS: 0.25));
    }

    [Fact]
    public void The_integral_is_held_within_the_output_limits()
    {
        var pid = Pid(ki: 100, min: -1, max: 2);

        pid.Update(setpoint: 1, measurement: 0, feedForward: 0, dtS: 1);

        // An integral of 100 would keep the output at 2 against a feed-forward of -1.5; one held at 2 gives 0.5.
        Assert.Equal(0.5, pid.Update(setpoint: 0, measurement: 0, feedForward: -1.5, dtS: 1));

        pid.Reset();
        pid.Update(setpoint: -1, measurement: 0, feedForward: 0, dtS: 1);
        Assert.Equal(0.5, pid.Update(setpoint: 0, measurement: 0, feedForward: 1.5, dtS: 1));
    }

    [Fact]
    public void Saturated_toward_the_error_the_integral_stands_still()
    {
        var pid = Pid(ki: 1);
        pid.Update(setpoint: 1, measurement: 0, feedForward: 5, dtS: 0.5);
        Assert.Equal(0, pid.Update(setpoint: 0, measurement: 0, feedForward: 0, dtS: 0.5));

        pid.Update(setpoint: -1, measurement: 0, feedForward: -5, dtS: 0.5);
        Assert.Equal(0, pid.Update(setpoint: 0, measurement: 0, feedForward: 0, dtS: 0.5));
    }

    [Fact]
    public void Saturated_against_the_error_the_integral_still_moves_toward_leaving_saturation()
    {
        var pid = Pid(ki: 1);
        pid.Update(setpoint: 0, measurement: 1, feedForward: 5, dtS: 0.5);
        Assert.Equal(-0.5, pid.Update(setpoint: 0, measurement: 0, feedForward: 0, dtS: 0.5));

        pid.Reset();
        pid.Update(setpoint: 1, measurement: 0, feedForward: -5, dtS: 0.5);
        Assert.Equal(0.5, pid.Update(setpoint: 0, measurement: 0, feedForward: 0, dtS: 0.5));
    }

    [Fact]
    public void An_output_exactly_at_a_limit_is_not_saturated_so_the_integral_moves()
    {
        var pid = Pid(ki: 1);
        pid.Update(setpoint: 1, measurement: 0, feedForward: 1, dtS: 0.5);
        Assert.Equal(0.5, pid.Update(setpoint: 0, measurement: 0, feedForward: 0, dtS: 0.5));

        pid.Reset();
        pid.Update(setpoint: -1, measurement: 0, feedForward: -1, dtS: 0.5);
        Assert.Equal(-0.5, pid.Update(setpoint: 0, measurement: 0, feedForward: 0, dtS: 0.5));
    }

    [Fact]
    public void The_integral_moves_at_the_edge_of_its_zone_and_not_beyond_it_either_way()
    {
        var pid = Pid(ki: 1, zone: 0.5);
        pid.Update(setpoint: 1, measurement: 0.5, feedForward: 0, dtS: 1);
        Assert.Equal(0.5, pid.Update(setpoint: 0, measurement: 0, feedForward: 0, dtS: 1));

        pid.Reset();
        pid.Update(setpoint: 0, measurement: 0.75, feedForward: 0, dtS: 1);
        Assert.Equal(0, pid.Update(setpoint: 0, measurement: 0, feedForward: 0, dtS: 1));

        pid.Update(setpoint: 0.75, measurement: 0, feedForward: 0, dtS: 1);
        Assert.Equal(0, pid.Update(setpoint: 0, measurement: 0, feedForward: 0, dtS: 1));
    }

    [Fact]
    public void The_derivative_acts_on_the_measurement_so_a_setpoint_step_does_not_kick()
    {
        var pid = Pid(kd: 1, min: -10, max: 10);

        Assert.Equal(0, pid.Update(setpoint: 0, measurement: 1, feedForward: 0, dtS: 0.1)); // no history yet
        Assert.Equal(-5, pid.Update(setpoint: 0, measurement: 1.5, feedForward: 0, dtS: 0.1), 9);
        Assert.Equal(0, pid.Update(setpoint: 100, measurement: 1.5, feedForward: 0, dtS: 0.1), 9);
        Assert.Equal(5, pid.Update(setpoint: 100, measurement: 1, feedForward: 0, dtS: 0.1), 9);
    }

    [Fact]
    public void The_derivative_is_filtered_with_its_time_constant()
    {
        // Step 0.1 s, filter 0.3 s: each step moves the derivative a quarter of the way to the raw slope.
        var pid = Pid(kd: 1, filterS: 0.3, min: -10, max: 10);
        pid.Update(setpoint: 0, measurement: 0, feedForward: 0, dtS: 0.1);

        Assert.Equal(-2.5, pid.Update(setpoint: 0, measurement: 1, feedForward: 0, dtS: 0.1), 9);
        Assert.Equal(-1.875, pid.Update(setpoint: 0, measurement: 1, feedForward: 0, dtS: 0.1), 9);
    }

    [Fact]
    public void A_step_of_no_time_leaves_the_derivative_alone()
    {
        var pid = Pid(kd: 1, filterS: 0.1, min: -10, max: 10);
        pid.Update(setpoint: 0, measurement: 0, feedForward: 0, dtS: 0.1);

        Assert.Equal(0, pid.Update(setpoint: 0, measurement: 1, feedForward: 0, dtS: 0));
        // The measurement of the zero step is the one the next slope starts from.
        Assert.Equal(0, pid.Update(setpoint: 0, measurement: 1, feedForward: 0, dtS: 0.1), 9);
    }

    [Fact]
    public void Reset_forgets_the_integral_the_derivative_the_last_measurement_and_the_output()
    {
        var pid = Pid(kp: 0, ki: 1, kd: 1, min: -10, max: 10);
        pid.Update(setpoint: 1, measurement: 0, feedForward: 0, dtS: 0.5);
        Assert.Equal(-0.5, pid.Update(setpoint: 1, measurement: 0.5, feedForward: 0, dtS: 0.5));

        pid.Reset();

        Assert.Equal(0, pid.Output);
        // No integral (it held 0.75), no derivative, and no slope from the measurement before the reset.
        Assert.Equal(0, pid.Update(setpoint: 7, measurement: 7, feedForward: 0, dtS: 0.5));
        Assert.Equal(0, pid.Update(setpoint: 7, measurement: 7, feedForward: 0, dtS: 0.5));
    }

    [Fact]
    public void The_gains_are_kept_as_given()
    {
        var gains = new PidGains(1, 2, 3, 4, -5, 6, 7);

        Assert.Same(gains, new PidController(gains).Gains);
        Assert.Equal(double.PositiveInfinity, new PidGains(1, 2, 3, 4, -5, 6).IntegralZone);
    }
}
