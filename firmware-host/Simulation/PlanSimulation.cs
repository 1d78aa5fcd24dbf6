using System.Text.Json.Serialization;
using AmpsDevice.FirmwareHost.Hardware;
using AmpsDevice.FirmwareHost.Sessions.Plans;
using AmpsDevice.Protocol.Plans;
using AmpsDevice.Simulator.Patient;

namespace AmpsDevice.FirmwareHost.Simulation;

/// <summary>
/// A whole plan, every session of it, on the simulated device in virtual time: each session is a
/// <see cref="SimulationRun"/> (real drivers, safety supervisor, controllers and session engine) of the
/// plan's current level, with one <see cref="VirtualPatient"/> carried from session to session (its
/// sensitivity falls with tolerated exposure) feeling, rating and sometimes withdrawing
/// (<see cref="PatientInTheLoop"/>); after each session the device's own progression
/// (<see cref="PlanSessionTally"/>, <see cref="PlanRecord"/>) picks the next level. Deterministic from
/// the seed: the same plan, weeks and seed give the same table.
/// </summary>
public static class PlanSimulation
{
    /// <summary>Day 1 of every simulated program (a fixed date, so reports do not depend on when they were made).</summary>
    public static readonly DateTimeOffset ProgramStart = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    /// <param name="plan">The plan (already checked against the device's envelope).</param>
    /// <param name="hardware">The simulated device's map.</param>
    /// <param name="weeks">Weeks to run (default: the plan's).</param>
    /// <param name="seed">Seeds the patient and every session's device.</param>
    /// <param name="patientParameters">The virtual patient (default: <see cref="VirtualPatientParameters.Default"/>).</param>
    /// <param name="onSession">Called after each session with its row (to print as it goes).</param>
    /// <param name="publisher">Publishes every session to a broker as the device would, dated on the plan's calendar (<c>--mqtt</c>).</param>
    public static PlanSimulationReport Run(TherapyPlan plan, HardwareOptions hardware, int? weeks, int seed,
        VirtualPatientParameters? patientParameters = null, Action<PlanSimulationRow>? onSession = null, PlanMqttPublisher? publisher = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(hardware);
        var weekCount = weeks ?? plan.Weeks;
        ArgumentOutOfRangeException.ThrowIfLessThan(weekCount, 1, nameof(weeks));
        var patient = new VirtualPatient(patientParameters ?? VirtualPatientParameters.Default, seed);
        var record = PlanRecord.Start(plan);
        var rows = new List<PlanSimulationRow>();
        var totalS = 0.0;
        var sessions = weekCount * 7 * plan.SessionsPerDay;
        for (var index = 0; index < sessions; index++)
        {
            var day = (index / plan.SessionsPerDay) + 1;
            var ofDay = (index % plan.SessionsPerDay) + 1;
            var level = record.Level;
            var sessionId = $"{plan.PatientId}-d{day:00}-s{ofDay}";
            var tally = new PlanSessionTally(sessionId, level);
            using var run = new SimulationRun(hardware, unchecked((seed * 7919) + index));
            var loop = new PatientInTheLoop(patient, run.Engine, run.Device, run.Truth);
            run.Engine.AddObserver(new TallyObserver(tally));
            run.Loop.AddObserver(loop);
            var startsAt = ProgramStart.AddDays(day - 1).AddHours((ofDay - 1) * 6);
            publisher?.Attach(run, startsAt);
            var report = run.Run(plan.ProfileAt(level), scenario: null, sessionId: sessionId, patientId: plan.PatientId);
            publisher?.Flush();
            totalS += report.DurationS;

            var endedAt = startsAt.AddSeconds(report.DurationS);
            var session = (tally.Ended ?? new PlanSession(sessionId, endedAt, level, PlanSessionEnd.SafetyStop, null, false, report.Reason ?? "did not run"))
                with { EndedAt = endedAt };
            var entry = record.Apply(session);
            var distress = session.End == PlanSessionEnd.Stopped || session.Withdrew;
            var sensitivityBefore = patient.Sensitivity;
            patient.CompleteSession(new SessionExperience(loop.MaxFeltPain, distress, loop.ExposureS, 1.0 / plan.SessionsPerDay));

            var pads = report.Channels.Where(c => c.Value.PhysicalMaxC is not null).ToList();
            var row = new PlanSimulationRow(index + 1, day, ofDay, sessionId, level, session.MaxPain, entry.Outcome, session.Withdrew,
                entry.LevelAfter, entry.Change, entry.Rule, Math.Round(report.DurationS, 1),
                pads.Count == 0 ? null : pads.Max(c => c.Value.PhysicalMaxC!.Value),
                pads.Count == 0 ? null : pads.Min(c => c.Value.PhysicalMinC!.Value),
                Math.Round(sensitivityBefore, 3));
            rows.Add(row);
            onSession?.Invoke(row);
        }

        return new PlanSimulationReport(plan.Name, plan.PatientId, seed, weekCount, rows, new PlanSimulationSummary(
            rows.Count,
            Math.Round(totalS / 3600.0, 2),
            plan.StartLevel,
            record.Level,
            rows.Max(r => r.Level),
            rows.Count(r => r.Change == "up"),
            rows.Count(r => r.Change == "down"),
            rows.Count(r => r.Withdrew),
            rows.Count(r => r.Outcome == "safety-stop"),
            Math.Round(patient.InitialSensitivity, 3),
            Math.Round(patient.Sensitivity, 3)));
    }

    private sealed class TallyObserver(PlanSessionTally tally) : Sessions.ISessionObserver
    {
        public void OnSessionEvent(Sessions.SessionEvent sessionEvent) => tally.Add(sessionEvent);
    }
}

/// <summary>One session of a simulated plan: what ran, how it went, and where the level went.</summary>
/// <param name="Session">1-based number in the program.</param>
/// <param name="Day">Program day, from 1.</param>
/// <param name="SessionOfDay">1-based number within the day.</param>
/// <param name="SessionId">The session's id.</param>
/// <param name="Level">Level run.</param>
/// <param name="MaxPain">Highest rating given, null when none.</param>
/// <param name="Outcome">completed, stopped or safety-stop.</param>
/// <param name="Withdrew">The patient pulled the limb away (and the device saw it).</param>
/// <param name="LevelAfter">Level of the next session.</param>
/// <param name="Change">up, down, same or not-counted.</param>
/// <param name="Rule">Why.</param>
/// <param name="DurationS">Session length, s.</param>
/// <param name="PadMaxPhysicalC">Hottest any pad surface really was (the simulator's truth), °C.</param>
/// <param name="PadMinPhysicalC">Coolest any pad surface really was, °C.</param>
/// <param name="Sensitivity">The virtual patient's pain gain before the session (1 = typical healthy child).</param>
public sealed record PlanSimulationRow(
    int Session, int Day, int SessionOfDay, string SessionId, int Level, int? MaxPain, string Outcome, bool Withdrew,
    int LevelAfter, string Change, string Rule, double DurationS, double? PadMaxPhysicalC, double? PadMinPhysicalC, double Sensitivity);

/// <summary>The program at a glance.</summary>
public sealed record PlanSimulationSummary(
    int Sessions, double SimulatedHours, int StartLevel, int EndLevel, int HighestLevel, int StepsUp, int StepsDown,
    int Withdrawals, int SafetyStops, double InitialSensitivity, double FinalSensitivity);

/// <summary>The report of <c>ampsdevice plan simulate --report</c>.</summary>
public sealed record PlanSimulationReport(
    string Plan, string PatientId, int Seed, int Weeks, IReadOnlyList<PlanSimulationRow> Sessions, PlanSimulationSummary Summary)
{
    public string Schema { get; init; } = "amps.plan-simulation/1";
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(PlanSimulationReport))]
public sealed partial class PlanSimulationJsonContext : JsonSerializerContext;
