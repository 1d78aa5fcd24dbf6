using AmpsDevice.FirmwareHost.Control;
using AmpsDevice.FirmwareHost.Hardware;
using AmpsDevice.FirmwareHost.Hardware.Simulated;
using AmpsDevice.FirmwareHost.Safety;
using AmpsDevice.FirmwareHost.Sessions;
using AmpsDevice.Simulator.Faults;
using Microsoft.Extensions.DependencyInjection;

namespace AmpsDevice.FirmwareHost.Simulation;

public static class ScenarioSessionsServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ScenarioSessions"/> to a device composed with simulated hardware (<c>AddDevice</c> with
    /// <c>Device:Simulate</c>): <paramref name="scenario"/> is played into every session, with a virtual patient.
    /// Resolving it on real hardware is an <see cref="ArgumentException"/>.
    /// </summary>
    public static IServiceCollection AddScenarioSessions(this IServiceCollection services, Scenario scenario)
    {
        services.AddSingleton(sp => new ScenarioSessions(scenario,
            (sp.GetRequiredService<IHardwareFactory>() as SimulatedHardwareFactory
                ?? throw new ArgumentException("a scenario needs the simulated hardware (--simulate)")).Device,
            sp.GetRequiredService<SessionEngine>(), sp.GetRequiredService<SafetySupervisor>()));
        services.AddSingleton<ITickObserver>(sp => sp.GetRequiredService<ScenarioSessions>());
        services.AddSingleton<ISessionObserver>(sp => sp.GetRequiredService<ScenarioSessions>());
        return services;
    }
}
