using AmpsDevice.FirmwareHost.Hosting;
using AmpsDevice.FirmwareHost.Sessions;
using AmpsDevice.FirmwareHost.Sessions.Plans;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AmpsDevice.Control.Tests.Plans;

/// <summary>The service's composition root wires plans in: the command surface knows the plan store, and the progression observer runs as a hosted service.</summary>
public sealed class PlanCompositionTests : IDisposable
{
    private readonly string _data = PlanFiles.NewDataDirectory();

    public void Dispose() => PlanFiles.Delete(_data);

    [Fact]
    public void The_device_service_starts_plan_sessions_for_a_patient_id_alone_and_runs_the_progression_as_a_hosted_service()
    {
        var builder = Host.CreateApplicationBuilder([]);
        builder.Configuration["Device:Simulate"] = "true";
        builder.Configuration["Device:DataDirectory"] = _data;
        builder.Services.AddDevice(builder.Configuration);
        using var host = builder.Build();
        host.Services.GetRequiredService<PlanStore>().Import(PlanFiles.Example);

        var controller = Assert.IsType<SessionController>(host.Services.GetRequiredService<IDeviceCommands>());
        var (command, error) = controller.PrepareStart(new StartSessionRequest("p-001", null, null), CommandOrigin.Remote);

        Assert.Null(error);
        Assert.Equal(1, command!.PlanLevel);
        Assert.Contains(host.Services.GetServices<IHostedService>(), s => ReferenceEquals(s, host.Services.GetRequiredService<PlanProgression>()));
        Assert.Equal(Path.Combine(_data, "plans"), host.Services.GetRequiredService<PlanStore>().Directory);
    }
}
