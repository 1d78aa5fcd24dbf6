using AmpsDevice.FirmwareHost.Control;
using NetArchTest.Rules;

namespace AmpsDevice.Control.Tests.Architecture;

/// <summary>
/// The device service's layers depend one way, the way data flows (docs/architecture.md): storage and hardware at
/// the bottom, then the safety supervisor, the control loop, sessions, telemetry, and the composition and verbs on
/// top. Each layer's types (read from the compiled IL) reference no type of a layer above it.
/// </summary>
public class DependencyDirectionTests
{
    private const string Root = "AmpsDevice.FirmwareHost.";

    /// <summary>Lowest first.</summary>
    private static readonly string[] Layers = ["Storage", "Hardware", "Safety", "Control", "Sessions", "Telemetry", "Hosting", "Simulation", "Cli"];

    public static TheoryData<string> LayerNames() => [.. Layers[..^1]];

    [Theory]
    [MemberData(nameof(LayerNames))]
    public void A_layer_references_nothing_above_it(string layer)
    {
        var above = Layers[(Array.IndexOf(Layers, layer) + 1)..].Select(l => Root + l).ToArray();
        var result = Types.InAssembly(typeof(ControlLoop).Assembly)
            .That().ResideInNamespace(Root + layer)
            .ShouldNot().HaveDependencyOnAny(above)
            .GetResult();
        Assert.True(result.IsSuccessful, $"{layer} references a layer above it: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Theory]
    [InlineData("Storage")]
    [InlineData("Safety")]
    [InlineData("Control")]
    [InlineData("Sessions")]
    [InlineData("Telemetry")]
    public void The_simulator_is_reached_only_at_the_hardware_boundary_and_by_the_composition_and_verbs(string layer)
    {
        // Hardware.Simulated plugs it in; Hosting chooses it; Simulation and Cli report its physical truth.
        var result = Types.InAssembly(typeof(ControlLoop).Assembly)
            .That().ResideInNamespace(Root + layer)
            .ShouldNot().HaveDependencyOn("AmpsDevice.Simulator")
            .GetResult();
        Assert.True(result.IsSuccessful, $"{layer} references the simulator: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void The_hardware_outside_its_simulated_plug_knows_neither_the_simulator_nor_the_physiological_limits()
    {
        // The limits in force are applied above it, by the control loop and the supervisor.
        var result = Types.InAssembly(typeof(ControlLoop).Assembly)
            .That().ResideInNamespace(Root + "Hardware").And().DoNotResideInNamespace(Root + "Hardware.Simulated")
            .ShouldNot().HaveDependencyOnAny("AmpsDevice.Simulator", "AmpsDevice.Protocol.Envelope")
            .GetResult();
        Assert.True(result.IsSuccessful, $"Hardware references: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void The_check_sees_a_reference_upward()
    {
        // Sessions implement the control loop's stimulus source, so a check of Control against Sessions' own
        // dependencies must fail: the rule above would catch the reverse direction.
        var result = Types.InAssembly(typeof(ControlLoop).Assembly)
            .That().ResideInNamespace(Root + "Sessions")
            .ShouldNot().HaveDependencyOn(Root + "Control")
            .GetResult();
        Assert.False(result.IsSuccessful);
    }
}
