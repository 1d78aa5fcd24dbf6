using AmpsDevice.FirmwareHost.Control;
using AmpsDevice.FirmwareHost.Hardware;
using AmpsDevice.FirmwareHost.Hosting;
using AmpsDevice.FirmwareHost.Sessions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using AmpsDevice.Protocol.Envelope;

namespace AmpsDevice.Bench.Support;

/// <summary>
/// The device service's own composition (<see cref="DeviceServices.AddDevice"/>, with appsettings.json's device
/// map and the simulator) built but not started: the bench takes the real <see cref="ControlLoop"/> (with the
/// telemetry observer) and the real <see cref="ControlLoopRunner"/> out of it. No hosted service runs, so nothing
/// but the loop uses the CPU. With a <see cref="TimeProvider"/> given (virtual time) the bench steps the loop itself.
/// </summary>
public sealed class ServiceRig : IDisposable
{
    private readonly IHost _host;

    public ServiceRig(double tickRateHz = 100, TimeProvider? time = null, int seed = 1)
    {
        DataDirectory = TempDirectory.Create("amps-bench-data");
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: false);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Device:Simulate"] = "true",
            ["Device:SimulatorSeed"] = seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Device:DataDirectory"] = DataDirectory,
            ["Session:AllowRemoteStart"] = "true",
            ["Control:TickRateHz"] = tickRateHz.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mqtt:ControlLoopHz"] = tickRateHz.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mqtt:BrokerUri"] = "mqtt://127.0.0.1:9",
        });
        builder.Logging.ClearProviders();
        builder.Services.AddDevice(builder.Configuration);
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        _host = builder.Build();
        Loop = Get<ControlLoop>();
        Runner = Get<ControlLoopRunner>();
        Engine = Get<SessionEngine>();
        Time = Get<TimeProvider>();
    }

    public string DataDirectory { get; }

    public ControlLoop Loop { get; }

    public ControlLoopRunner Runner { get; }

    public SessionEngine Engine { get; }

    public TimeProvider Time { get; }

    public T Get<T>() where T : notnull => _host.Services.GetRequiredService<T>();

    /// <summary>Posts the every-channel session (carried out by the loop at its first tick after warm-up).</summary>
    public Task<CommandResult> PostEveryChannelSession()
    {
        var profile = BenchSession.LoadProfile(DeviceEnvelope.For(Loop.Shape, Get<LimitSet>()));
        return Engine.Post(new SessionCommand.Start(CommandOrigin.Remote, "bench", "bench-patient", profile,
            profile.Steps.Select(s => FirmwareHost.Sessions.Steps.StepRunner.For(s, Loop.Shape)).ToArray()));
    }

    /// <summary>
    /// Compiles the tick path (JIT, tiered up) on a throw-away rig ticking back to back for a second with the
    /// every-channel session, so the first ticks of a real-time run measure the loop, not the compiler.
    /// </summary>
    public static void WarmUpJit()
    {
        using var rig = new ServiceRig();
        rig.Loop.Start();
        _ = rig.PostEveryChannelSession();
        var until = rig.Time.GetTimestamp() + rig.Time.TimestampFrequency * 3 / 2;
        while (rig.Time.GetTimestamp() < until)
        {
            rig.Loop.Tick();
        }
    }

    public void Dispose()
    {
        Get<IDeviceIo>().DriveSafe();
        _host.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // left in /tmp
        }
    }
}
