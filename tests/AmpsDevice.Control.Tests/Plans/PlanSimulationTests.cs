using AmpsDevice.FirmwareHost.Cli;
using AmpsDevice.FirmwareHost.Simulation;
using AmpsDevice.Protocol.Envelope;
using AmpsDevice.Simulator.Patient;

namespace AmpsDevice.Control.Tests.Plans;

/// <summary>A whole eight-week plan on the simulated device with the virtual patient: progression as docs/plans.md describes it, inside the envelope, reproducible.</summary>
public class PlanSimulationTests
{
    /// <summary>A child who learns from short sessions (full effect after a minute) and pulls away more readily, so that
    /// eight weeks of 90 s sessions show both the rise and the step-down.</summary>
    private static readonly VirtualPatientParameters Child = VirtualPatientParameters.Default with { DoseScaleS = 60, WithdrawalStartlePerS = 0.002 };

    [Fact]
    public void Eight_weeks_levels_rise_as_sensitivity_falls_withdrawals_step_down_and_every_pad_stays_inside_the_envelope()
    {
        var plan = PlanFiles.Short;
        var report = PlanSimulation.Run(plan, SimulateVerb.LoadHardwareOptions(), weeks: 8, seed: 4, Child);
        var rows = report.Sessions;

        Assert.Equal(56, rows.Count);
        Assert.Equal(Enumerable.Range(1, 56), rows.Select(r => r.Day));
        var firstWeek = rows.Take(7).Average(r => r.Level);
        var lastWeek = rows.Skip(49).Average(r => r.Level);
        Assert.True(lastWeek >= firstWeek + 2, $"week 1 mean level {firstWeek:0.0}, week 8 {lastWeek:0.0}");
        Assert.True(report.Summary.FinalSensitivity < report.Summary.InitialSensitivity);
        Assert.True(rows[^1].Sensitivity < rows[0].Sensitivity);

        Assert.Contains(rows, r => r.Withdrew && r.Change == "down" && r.LevelAfter == r.Level - 1 && r.Rule == "down: the patient withdrew");
        Assert.All(rows.Where(r => r.Withdrew), r => Assert.True(r.Change == "down" || r.Level == plan.MinLevel, $"session {r.Session}: {r.Rule}"));

        for (var i = 1; i < rows.Count; i++)
        {
            Assert.Equal(rows[i - 1].LevelAfter, rows[i].Level);
            Assert.InRange(rows[i].Level - rows[i - 1].Level, -1, 1);
        }

        Assert.All(rows, r =>
        {
            Assert.InRange(r.Level, plan.MinLevel, plan.MaxLevel);
            Assert.True(r.PadMaxPhysicalC <= AbsoluteLimits.PadMaxTargetC.Value, $"session {r.Session}: pad reached {r.PadMaxPhysicalC} °C");
            Assert.True(r.PadMaxPhysicalC <= plan.Ceiling.HeatC + 0.5, $"session {r.Session}: pad reached {r.PadMaxPhysicalC} °C above the plan's ceiling");
            Assert.True(r.PadMinPhysicalC >= AbsoluteLimits.PadMinTargetC.Value, $"session {r.Session}: pad fell to {r.PadMinPhysicalC} °C");
            Assert.NotEqual("safety-stop", r.Outcome);
        });
    }

    [Fact]
    public void The_same_seed_gives_the_same_table_and_another_seed_a_different_one()
    {
        var hardware = SimulateVerb.LoadHardwareOptions();

        var a = PlanSimulation.Run(PlanFiles.Short, hardware, weeks: 1, seed: 9, Child);
        var b = PlanSimulation.Run(PlanFiles.Short, hardware, weeks: 1, seed: 9, Child);
        var c = PlanSimulation.Run(PlanFiles.Short, hardware, weeks: 1, seed: 10, Child);

        Assert.Equal(a.Sessions, b.Sessions);
        Assert.Equal(a.Summary, b.Summary);
        Assert.NotEqual(a.Sessions, c.Sessions);
    }
}
