using System.Device.Gpio;
using AmpsDevice.Simulator.Faults;
using AmpsDevice.Simulator.Time;

namespace AmpsDevice.Simulator.Tests;

/// <summary>
/// K1's mirror contact on GPIO12 (low = every main pole open): it follows the poles after the contactor's closing time
/// (72.45 ms) and opening time (24 ms), to the millisecond; a weld keeps the poles closed and the rail live after the coil
/// drops; a stuck contact reads "open" whatever K1 does.
/// </summary>
public sealed class ContactorMirrorContactTests : IDisposable
{
    private static readonly SimulatedDeviceLayout Layout = SimulatedDeviceLayout.Default;
    private readonly VirtualTimeProvider _clock = new();
    private readonly SimulatedDevice _device;
    private readonly GpioController _gpio;

    public ContactorMirrorContactTests()
    {
        _device = new SimulatedDevice(Layout, _clock, seed: 1);
        _gpio = new GpioController(_device.Gpio);
        _gpio.OpenPin(Layout.MasterEnablePin, PinMode.Output, PinValue.Low);
        _gpio.OpenPin(Layout.HeartbeatPin, PinMode.Output, PinValue.Low);
        _gpio.OpenPin(Layout.RailMonitorPin, PinMode.InputPullUp);
        _gpio.Write(Layout.HeartbeatPin, PinValue.High); // the charge pump is charged: K1 follows the master enable
    }

    public void Dispose() => _gpio.Dispose();

    private bool MirrorShowsClosed => _gpio.Read(Layout.RailMonitorPin) == PinValue.High;

    [Fact]
    public void The_mirror_contact_follows_K1_after_its_closing_and_opening_times()
    {
        Assert.False(MirrorShowsClosed);
        _gpio.Write(Layout.MasterEnablePin, PinValue.High);
        Assert.True(_device.RailPowered);

        Run(ms: 72);
        Assert.False(MirrorShowsClosed);
        Run(ms: 1);
        Assert.True(MirrorShowsClosed); // 72.45 ms: Layout.ContactorClosingS

        _gpio.Write(Layout.MasterEnablePin, PinValue.Low);
        Assert.False(_device.RailPowered);
        Run(ms: 23);
        Assert.True(MirrorShowsClosed);
        Run(ms: 1);
        Assert.False(MirrorShowsClosed); // 24 ms: Layout.ContactorOpeningS
    }

    [Fact]
    public void A_pulse_shorter_than_the_closing_time_never_shows()
    {
        _gpio.Write(Layout.MasterEnablePin, PinValue.High);
        Run(ms: 30);
        _gpio.Write(Layout.MasterEnablePin, PinValue.Low);
        for (var i = 0; i < 100; i++)
        {
            Run(ms: 1);
            Assert.False(MirrorShowsClosed);
        }
    }

    [Fact]
    public void A_welded_contactor_keeps_the_rail_live_and_the_mirror_contact_open_after_the_coil_drops()
    {
        new FaultInjector(_device).Apply(Event("contactor-welded"));
        _gpio.Write(Layout.MasterEnablePin, PinValue.High);
        Run(ms: 100);
        _gpio.Write(Layout.MasterEnablePin, PinValue.Low);
        Run(ms: 1000);

        Assert.True(_device.RailPowered);
        Assert.True(MirrorShowsClosed);

        new FaultInjector(_device).ClearAll();
        Run(ms: 24);
        Assert.False(_device.RailPowered);
        Assert.False(MirrorShowsClosed);
    }

    [Fact]
    public void A_stuck_mirror_contact_reads_every_pole_open_while_K1_is_closed()
    {
        new FaultInjector(_device).Apply(Event("contact-stuck"));
        _gpio.Write(Layout.MasterEnablePin, PinValue.High);
        Run(ms: 1000);

        Assert.True(_device.RailPowered);
        Assert.False(MirrorShowsClosed);
    }

    private static ScenarioEvent Event(string fault) =>
        Scenario.Parse($$"""{ "events": [ { "at": 0, "fault": "{{fault}}" } ] }""", Layout).Events[0];

    /// <summary>Advances <paramref name="ms"/> milliseconds with the heartbeat toggling every millisecond (the charge pump holds K1).</summary>
    private void Run(int ms)
    {
        for (var i = 0; i < ms; i++)
        {
            _gpio.Write(Layout.HeartbeatPin, _gpio.Read(Layout.HeartbeatPin) == PinValue.High ? PinValue.Low : PinValue.High);
            _clock.Advance(TimeSpan.FromMilliseconds(1));
        }

        _device.Sync();
    }
}
