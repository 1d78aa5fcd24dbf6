using System.Globalization;
using System.Diagnostics;
using AmpsDevice.Bench.History;
using AmpsDevice.Bench.Support;
using AmpsDevice.Dashboard.Devices;
using AmpsDevice.Dashboard.History;

namespace AmpsDevice.Bench.Figures;

/// <summary>
/// A clinic's year in the history (<see cref="ClinicYear"/>: 20 devices, 250 working days, two 30-minute sessions a
/// day, eight-week plans), written through the historian's own writer (<see cref="HistoryWriter"/>) on SQLite and on
/// a real PostgreSQL: the size of the database on each engine, and the time to read a patient's eight-week page and
/// one session's chart with the queries those pages use (<see cref="HistoryQueries"/>). Every session, event and pain
/// rating of the year is written; the telemetry and once-a-second session states only for the last days (full
/// sessions), and the year's size is extrapolated from what a full session measured.
/// </summary>
public sealed class ClinicYearFigure : IFigure
{
    private const double PatientGoalMs = 200;
    private const double ChartGoalMs = 1000;

    /// <summary>
    /// Devices whose days are written to PostgreSQL at once while the year is made (each its own connection and
    /// transaction, the historian's own writer): a round trip per statement makes one writer wait on the network,
    /// and the year is made to be measured, not to measure the writer (history-ingest does that).
    /// </summary>
    private const int PostgresWriters = 4;

    /// <summary>A Monday: weekends are skipped from it.</summary>
    private static readonly DateTimeOffset FirstMonday = new(2025, 1, 6, 0, 0, 0, TimeSpan.Zero);

    public string Name => "clinic-year";

    public async Task<IReadOnlyList<FigureResult>> MeasureAsync(FigureRunOptions options, CancellationToken cancellationToken)
    {
        var year = options.Quick ? new ClinicYear(devices: 2, days: ClinicYear.PlanDays, FirstMonday) : new ClinicYear(devices: 20, days: 250, FirstMonday);
        var fullDays = 1;
        var runs = options.Quick ? 1 : 3;
        using var postgres = PostgresServer.Durable();
        using var sqlite = await HistoryDatabase.CreateAsync(null);
        using var postgresDb = await HistoryDatabase.CreateAsync(postgres);
        HistoryDatabase[] engines = [sqlite, postgresDb];
        var writers = engines.Select(e => new HistoryWriter(e.Database)).ToArray();
        var empty = await SizesAsync(engines);
        var generating = new Stopwatch();
        var writing = new double[engines.Length];
        var fullMessages = 0L;
        var thinMessages = 0L;
        long[]? thinSizes = null;
        for (var day = 0; day < year.Days; day++)
        {
            var full = day >= year.Days - fullDays;
            if (full && thinSizes is null)
            {
                thinSizes = await SizesAsync(engines);
            }

            foreach (var group in Enumerable.Range(0, year.Devices).Chunk(PostgresWriters))
            {
                generating.Start();
                var days = group.Select(device => year.Day(device, day, full)).ToList();
                generating.Stop();
                var count = days.Sum(d => d.Count);
                if (full)
                {
                    fullMessages += count;
                }
                else
                {
                    thinMessages += count;
                }

                var timed = await Task.WhenAll(
                    TimedAsync(() => WriteOneByOneAsync(writers[0], days, cancellationToken)),
                    TimedAsync(() => Parallel.ForEachAsync(days, new ParallelOptions { MaxDegreeOfParallelism = PostgresWriters, CancellationToken = cancellationToken },
                        async (messages, ct) => await WriteAsync(writers[1], messages, ct))));
                writing[0] += timed[0];
                writing[1] += timed[1];
            }
        }

        var sizes = await SizesAsync(engines);
        var fullSessions = fullDays * year.Devices * ClinicYear.SessionsPerDay;
        var thinSessions = year.Sessions - fullSessions;
        var results = new List<FigureResult>();
        var yearBytes = new double[engines.Length];
        var perSessionHour = new double[engines.Length];
        for (var e = 0; e < engines.Length; e++)
        {
            var perFull = (double)(sizes[e] - thinSizes![e]) / fullSessions;
            var perThin = (double)(thinSizes[e] - empty[e]) / thinSessions;
            yearBytes[e] = sizes[e] + (thinSessions * (perFull - perThin));
            perSessionHour[e] = perFull / year.SessionHours;
        }

        var sessionHours = year.Sessions * year.SessionHours;
        results.Add(new FigureResult(
            $"clinic year in the history ({year.Devices} devices, {year.Days} days, {ClinicYear.SessionsPerDay} sessions a day): database size SQLite / PostgreSQL",
            $"{yearBytes[0] / 1e9:0.0} GB / {yearBytes[1] / 1e9:0.0} GB (extrapolated; {perSessionHour[0] / 1e6:0} / {perSessionHour[1] / 1e6:0} MB per session hour)",
            "measured, no goal (sizes the disk: docs/scaling.md)",
            true,
            $"{year.Sessions} sessions ({sessionHours:0} session hours, the every-channel profile of {year.SessionHours * 60:0} min), {year.Devices * ClinicYear.SessionsPerDay * (year.Days + ClinicYear.PlanDays - 1) / ClinicYear.PlanDays} patients on eight-week plans, " +
            $"made by the fleet tool's session model and written through HistoryWriter (batches of {new HistoryOptions().MaxBatch}) into a fresh database per engine. " +
            $"All {year.Sessions} sessions with their state changes, events and pain ratings ({thinMessages} messages); the last {fullDays} day ({fullSessions} sessions) also with everything the device " +
            $"publishes: telemetry at the default cadence and session state once a second ({fullMessages} messages). Measured: {thinSizes![0] / 1e6:0.0} / {thinSizes[1] / 1e6:0.0} MB with the thin year, " +
            $"{sizes[0] / 1e6:0.0} / {sizes[1] / 1e6:0.0} MB with the full day (SQLite file after a WAL checkpoint / pg_database_size; PostgreSQL's empty database {empty[1] / 1e6:0.0} MB); " +
            $"a full session added {(sizes[0] - thinSizes[0]) / (double)fullSessions / 1e6:0.00} / {(sizes[1] - thinSizes[1]) / (double)fullSessions / 1e6:0.00} MB. Year = measured + each thin session's difference to a full one. " +
            $"Written in {writing[0]:0} s / {writing[1]:0} s ({(thinMessages + fullMessages) / writing[0]:0} / {(thinMessages + fullMessages) / writing[1]:0} msg/s; PostgreSQL by {PostgresWriters} devices at once, SQLite one at a time, the two engines side by side); made in {generating.Elapsed.TotalSeconds:0} s; " +
            $"the whole year at full volume would be {(year.Sessions / (double)fullSessions * fullMessages) / 1e6:0.0} million messages, about {WritingTime((year.Sessions / (double)fullSessions * fullMessages) / ((thinMessages + fullMessages) / writing[0]))} of writing on SQLite here, hence the extrapolation."));

        var patients = year.PatientsWithWholePlans().ToList();
        var sessions = await FullSessionsAsync(engines[0], year, fullDays);
        for (var e = 0; e < engines.Length; e++)
        {
            var queries = new HistoryQueries(engines[e].Database, TimeProvider.System);
            var pageRuns = new List<IReadOnlyList<double>>();
            var chartRuns = new List<IReadOnlyList<double>>();
            var pageSessions = 0;
            var chartTelemetry = 0;
            for (var r = 0; r < runs; r++)
            {
                var pages = new List<double>();
                foreach (var patient in patients)
                {
                    var clock = Stopwatch.StartNew();
                    var summaries = await queries.PatientAsync(patient, cancellationToken);
                    _ = await queries.PainRatingsAsync(patient, cancellationToken);
                    pages.Add(clock.Elapsed.TotalMilliseconds);
                    pageSessions = summaries.Count;
                }

                var charts = new List<double>();
                foreach (var (deviceId, sessionId) in sessions)
                {
                    var clock = Stopwatch.StartNew();
                    var detail = await queries.SessionAsync(deviceId, sessionId, cancellationToken) ?? throw new InvalidOperationException($"session {deviceId}/{sessionId} not stored");
                    charts.Add(clock.Elapsed.TotalMilliseconds);
                    chartTelemetry = detail.Telemetry.Count;
                }

                pageRuns.Add(pages);
                chartRuns.Add(charts);
            }

            var engine = engines[e].EngineName;
            var pageMedians = pageRuns.Select(Stats.Median).ToList();
            var pageP99 = pageRuns.Select(p => Stats.Percentile(p, 99)).ToList();
            var chartMedians = chartRuns.Select(Stats.Median).ToList();
            var chartP99 = chartRuns.Select(p => Stats.Percentile(p, 99)).ToList();
            results.Add(new FigureResult(
                $"clinic year, {engine}: a patient's eight-week page ({pageSessions} sessions), median / p99",
                $"{Stats.MedianSpread(pageMedians, "0.0", "ms")} / {Stats.MedianSpread(pageP99, "0.0", "ms")}",
                $"< {PatientGoalMs:0} ms", pageP99.Max() < PatientGoalMs,
                $"The queries of the patient page's endpoint (HistoryQueries.PatientAsync and PainRatingsAsync, on a fresh connection each, as a request gets one) for each of the {patients.Count} patients " +
                $"whose whole plan is in the clinic year above ({year.Sessions} sessions stored); {runs} runs; per run the median and p99 of the {patients.Count} pages; " +
                $"runs: {string.Join(", ", pageMedians.Zip(pageP99, (m, p) => $"{m:0.0} / {p:0.0} ms"))}. Without the HTTP layer and the browser's drawing."));
            results.Add(new FigureResult(
                $"clinic year, {engine}: one session's chart ({chartTelemetry} telemetry messages), median / p99",
                $"{Stats.MedianSpread(chartMedians, "0", "ms")} / {Stats.MedianSpread(chartP99, "0", "ms")}",
                $"< {ChartGoalMs:0} ms", chartP99.Max() < ChartGoalMs,
                $"The session page endpoint's query (HistoryQueries.SessionAsync: the session, its states, events, commands and telemetry, parts and gaps found) for each of the " +
                $"{sessions.Count} full sessions of the clinic year above; {runs} runs; runs: {string.Join(", ", chartMedians.Zip(chartP99, (m, p) => $"{m:0} / {p:0} ms"))}. " +
                $"The telemetry table held {fullDays} day's telemetry, not a year's: the query is a range scan of the (device, time) index, whose depth grows with the logarithm of the rows. " +
                "Without the HTTP layer's JSON and the browser's drawing."));
        }

        return results;
    }

    private static async Task<double> TimedAsync(Func<Task> write)
    {
        var clock = Stopwatch.StartNew();
        await write();
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>SQLite takes one writer at a time: the devices' days one after the other.</summary>
    private static async Task WriteOneByOneAsync(HistoryWriter writer, List<List<DeviceMessage>> days, CancellationToken cancellationToken)
    {
        foreach (var messages in days)
        {
            await WriteAsync(writer, messages, cancellationToken);
        }
    }

    private static async Task WriteAsync(HistoryWriter writer, List<DeviceMessage> messages, CancellationToken cancellationToken)
    {
        foreach (var batch in messages.Chunk(new HistoryOptions().MaxBatch))
        {
            await writer.WriteAsync(batch, cancellationToken);
        }
    }

    private static async Task<long[]> SizesAsync(HistoryDatabase[] engines)
    {
        var sizes = new long[engines.Length];
        for (var e = 0; e < engines.Length; e++)
        {
            sizes[e] = await engines[e].SizeBytesAsync();
        }

        return sizes;
    }

    /// <summary>The sessions of the last <paramref name="fullDays"/> days (those stored with their telemetry).</summary>
    private static async Task<List<(string DeviceId, string SessionId)>> FullSessionsAsync(HistoryDatabase database, ClinicYear year, int fullDays)
    {
        var queries = new HistoryQueries(database.Database, TimeProvider.System);
        var found = await queries.SearchAsync(new SessionSearch(null, null, year.Date(year.Days - fullDays), year.Date(year.Days - 1).AddDays(1), null, 5000));
        return [.. found.Select(s => (s.DeviceId, s.SessionId))];
    }

    /// <summary>Hours, or minutes for less than an hour (a quick run's small year).</summary>
    private static string WritingTime(double seconds) =>
        seconds >= 3600
            ? string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:0.0} h")
            : string.Create(CultureInfo.InvariantCulture, $"{seconds / 60:0.0} min");
}
