using System.Device.Gpio;
using AmpsDevice.Simulator.Physics;
using AmpsDevice.Simulator.Time;

namespace AmpsDevice.Simulator.Tests;

/// <summary>
/// The device catches its physics up a control tick at a time (one reading of the drive, one pad step, the
/// limbs' 1 ms substeps); these pin that down against catching up every millisecond, and the millisecond on
/// which a scheduled action (a fault's end, a released button) takes effect.
/// </summary>
public sealed class SimulatedDeviceTests : IDisposable
{
    private static readonly TimeSpan Millisecond = TimeSpan.FromMilliseconds(1);
    private const double PadToleranceC = 0.0001;

    // Noise-free limbs, so the limb's force can be compared exactly too.
    private static readonly SimulatedDeviceLayout Layout = SimulatedDeviceLayout.Default with
    {
        LimbParameters = LimbParameters.Default with { TremorBaseN = 0, TremorFraction = 0, DriftBaseN = 0, DriftFraction = 0 },
    };

    private readonly List<GpioController> _controllers = [];
    private readonly List<SimulatedDevice> _devices = [];

    public void Dispose()
    {
        foreach (var controller in _controllers)
        {
            controller.Dispose();
        }
    }

    /// <summary>A device with the rail live (master enable high, one heartbeat edge just now), pad1 stuck heating,
    /// pad2 stuck cooling, vib1 stuck on and a limb pressing.</summary>
    private (SimulatedDevice Device, VirtualTimeProvider Clock) Driven()
    {
        var clock = new VirtualTimeProvider();
        var device = new SimulatedDevice(Layout, clock, seed: 5);
        var gpio = new GpioController(device.Gpio);
        _controllers.Add(gpio);
        _devices.Add(device);
        gpio.OpenPin(Layout.MasterEnablePin, PinMode.Output, PinValue.High);
        gpio.OpenPin(Layout.HeartbeatPin, PinMode.Output, PinValue.Low);
        gpio.Write(Layout.HeartbeatPin, PinValue.High);
        device.Pads[0].StuckDrive = 1;
        device.Pads[1].StuckDrive = -1;
        device.Vibration[0].MotorStuckOn = true;
        device.Pressure[0].Limb.GuidedTargetN = 12;
        return (device, clock);
    }

    [Fact]
    public void Catching_up_a_tick_at_a_time_gives_the_physics_of_catching_up_every_millisecond()
    {
        var (perMs, perMsClock) = Driven();
        var (perTick, perTickClock) = Driven();
        Assert.True(perMs.RailPowered);

        // 3 s in 10 ms ticks, then in 7 ms steps (a chunk boundary off the tick grid), rail cut half way; the
        // heartbeat toggles every tick until 0.99 s, so the rail also drops by itself, 250 ms after the last edge.
        for (var t = 1; t <= 300 + 43; t++)
        {
            if (t <= 100)
            {
                ToggleHeartbeat(perMs);
                ToggleHeartbeat(perTick);
            }

            var tickMs = t <= 300 ? 10 : 7;
            for (var ms = 0; ms < tickMs; ms++)
            {
                perMsClock.Advance(Millisecond);
                perMs.Sync();
            }

            perTickClock.Advance(tickMs * Millisecond);
            perTick.Sync();
            if (t == 150)
            {
                Assert.False(perTick.RailPowered); // the heartbeat stopped 500 ms ago
                perMs.EStopPressed = true;
                perTick.EStopPressed = true;
            }

            for (var i = 0; i < perMs.Pads.Length; i++)
            {
                // One pad step per tick against ten: within the pad's stated tolerance (PadTrajectoryTests).
                Assert.Equal(perMs.Pads[i].Model.SurfaceC, perTick.Pads[i].Model.SurfaceC, PadToleranceC);
                Assert.Equal(perMs.Pads[i].Model.HeatSinkC, perTick.Pads[i].Model.HeatSinkC, PadToleranceC);
            }

            for (var i = 0; i < perMs.Vibration.Length; i++)
            {
                Assert.Equal(perMs.Vibration[i].AmplitudeFraction, perTick.Vibration[i].AmplitudeFraction, 12);
            }

            for (var i = 0; i < perMs.Pressure.Length; i++)
            {
                Assert.Equal(perMs.Pressure[i].ForceN, perTick.Pressure[i].ForceN, 9);
            }
        }

        Assert.InRange(perTick.Pads[0].SurfaceC, 33, 80); // it heated for 1.25 s, then coasted
        Assert.InRange(perTick.Pressure[0].ForceN, 11, 13);
    }

    [Theory]
    [InlineData(3.5, 4)]
    [InlineData(4.0, 4)]
    [InlineData(0.2, 1)]
    [InlineData(9.9, 10)]
    public void A_scheduled_action_inside_a_tick_takes_effect_on_its_millisecond(double afterMs, int heatedSteps)
    {
        var (device, clock) = Driven();
        device.Schedule(TimeSpan.FromMilliseconds(afterMs), () => device.EStopPressed = true);

        clock.Advance(10 * Millisecond);
        device.Sync();

        // As with 1 ms steps: the action runs after the first substep that reaches its time, and from
        // then on the rail is cut (the bridge open) for the rest of the tick: the pad takes one step for
        // each part of the tick.
        Assert.Equal(Heated(heatedSteps), device.Pads[0].SurfaceC, 12);
        Assert.NotEqual(Heated(heatedSteps - 1), device.Pads[0].SurfaceC, 6); // a millisecond matters here
        if (heatedSteps < 10)
        {
            Assert.NotEqual(Heated(heatedSteps + 1), device.Pads[0].SurfaceC, 6);
        }

        Assert.True(device.EStopPressed);
    }

    private void ToggleHeartbeat(SimulatedDevice device)
    {
        var gpio = _controllers[_devices.IndexOf(device)];
        gpio.Write(Layout.HeartbeatPin, gpio.Read(Layout.HeartbeatPin) == PinValue.High ? PinValue.Low : PinValue.High);
    }

    /// <summary>Pad1's surface after <paramref name="heatedSteps"/> ms at full rail, then open circuit to 10 ms.</summary>
    private static double Heated(int heatedSteps)
    {
        var pad = new PeltierPadModel(Layout.PadParameters, Layout.AmbientC, Layout.InitialPadC) { AppliedVoltage = Layout.RailV };
        pad.Step(heatedSteps * SimulatedDevice.StepS);
        pad.OpenCircuit = true;
        pad.AppliedVoltage = 0;
        pad.Step((10 - heatedSteps) * SimulatedDevice.StepS);
        return pad.SurfaceC;
    }
}
