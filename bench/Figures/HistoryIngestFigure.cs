using System.Diagnostics;
using AmpsDevice.Bench.History;
using AmpsDevice.Bench.Support;
using AmpsDevice.Dashboard.Devices;
using AmpsDevice.Dashboard.History;
using AmpsDevice.FirmwareHost.Telemetry;

namespace AmpsDevice.Bench.Figures;

/// <summary>
/// How many messages a second the clinic's historian stores on this machine, on SQLite and on a real PostgreSQL,
/// against the load of 50 devices at the device's default cadence. The traffic is what the fleet tool publishes
/// (<see cref="HistoryTraffic.Fleet"/>: every device running the every-channel session, status, telemetry at the
/// cadence of <see cref="MqttOptions"/>, session state, events), decoded by the dashboard's decoder; the load is
/// counted from that same traffic, so a faster default cadence raises it. The historian's writer
/// (<see cref="HistoryWriter"/>) stores it in batches of <see cref="HistoryOptions.MaxBatch"/>, one transaction each,
/// as fast as it can, into a fresh database per run; the capacity is messages stored over the time spent writing.
/// </summary>
public sealed class HistoryIngestFigure : IFigure
{
    private const int Devices = 50;

    /// <summary>Room to spare: the historian must store this many times the load, so a backlog (the broker's queue
    /// after the dashboard was away) drains while the clinic goes on.</summary>
    private const double GoalRatio = 5;

    private static readonly DateTimeOffset Start = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    public string Name => "history-ingest";

    public async Task<IReadOnlyList<FigureResult>> MeasureAsync(FigureRunOptions options, CancellationToken cancellationToken)
    {
        var runs = options.Quick ? 1 : 3;
        var traffic = TimeSpan.FromSeconds(options.Quick ? 30 : 300);
        var messages = HistoryTraffic.Fleet(Devices, traffic, Start);
        var loadPerS = messages.Count / traffic.TotalSeconds;
        var telemetryPerS = messages.Count(m => m.Kind == TopicKind.Telemetry) / traffic.TotalSeconds;
        var mqtt = new MqttOptions();
        var batch = new HistoryOptions().MaxBatch;
        using var postgres = PostgresServer.Durable();
        var results = new List<FigureResult>();
        foreach (var server in new[] { null, postgres })
        {
            var rates = new List<double>();
            for (var r = 0; r < runs; r++)
            {
                using var database = await HistoryDatabase.CreateAsync(server);
                rates.Add(await StoreAsync(database, messages, batch, cancellationToken));
            }

            var engine = server is null ? "SQLite" : "PostgreSQL";
            var ratio = Stats.Median(rates) / loadPerS;
            results.Add(new FigureResult(
                $"history ingest, {engine}: messages stored a second (capacity ÷ the load of {Devices} devices)",
                $"{Stats.MedianSpread(rates, "0", "msg/s")}, {ratio:0}× the load",
                $"≥ {GoalRatio:0}× the load of {Devices} devices ({loadPerS:0} msg/s)",
                rates.Min() / loadPerS >= GoalRatio,
                $"{Devices} fleet devices' traffic over {traffic.TotalSeconds:0} s of virtual time ({messages.Count} messages: status, " +
                $"telemetry at the default cadence of {mqtt.TelemetryRateHz / mqtt.BatchSize:0.#} messages a second per device ({mqtt.TelemetryRateHz:0} samples/s in batches of {mqtt.BatchSize}), " +
                $"session state once a second while a session runs, events; every device in a session, a busy clinic), decoded by the dashboard's decoder; " +
                $"load {loadPerS:0} msg/s ({telemetryPerS:0} of them telemetry). Stored by the historian's writer (HistoryWriter) in batches of {batch}, one transaction each, back to back, " +
                $"into a fresh {engine} database per run ({(server is null ? "the dashboard's SQLite file, WAL" : "PostgreSQL 15 started with initdb/pg_ctl as the tests start it, but with its default fsync and synchronous commit")}); " +
                $"capacity = messages ÷ time spent writing; {runs} runs: {Stats.Runs(rates, "0")} msg/s."));
        }

        return results;
    }

    private static async Task<double> StoreAsync(HistoryDatabase database, List<DeviceMessage> messages, int batch, CancellationToken cancellationToken)
    {
        var writer = new HistoryWriter(database.Database);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < messages.Count; i += batch)
        {
            await writer.WriteAsync(messages.GetRange(i, Math.Min(batch, messages.Count - i)), cancellationToken);
        }

        return messages.Count / clock.Elapsed.TotalSeconds;
    }
}
