namespace AmpsDevice.Dashboard.Tests.Support;

/// <summary>
/// A clinic (mosquitto and the dashboard as processes) whose device, <see cref="MosquittoBroker.DeviceB"/>, is the
/// device service composed in this process, so a test can press its simulated buttons; and a browser.
/// </summary>
public sealed class InProcessDeviceClinic : IAsyncDisposable
{
    private readonly TempDirectory _data = new("in-process-device");

    private InProcessDeviceClinic(bool allowRemoteStart)
    {
        Stack = new DashboardStack(null);
        Device = new FullDevice(Stack.Broker.DeviceUri(DeviceId), DeviceId, _data.Path, allowRemoteStart);
    }

    public const string DeviceId = MosquittoBroker.DeviceB;

    public DashboardStack Stack { get; }

    public FullDevice Device { get; }

    public Browser Browser { get; private set; } = null!;

    public static async Task<InProcessDeviceClinic> StartAsync(bool allowRemoteStart)
    {
        var clinic = new InProcessDeviceClinic(allowRemoteStart);
        await clinic.Device.StartAsync();
        clinic.Browser = await Browser.LaunchAsync();
        return clinic;
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        await Device.DisposeAsync();
        Stack.Dispose();
        _data.Dispose();
    }
}
