namespace AmpsDevice.Dashboard.Hosting;

/// <summary>Configuration section <c>Dashboard</c> (command line: <c>--mqtt</c>, <c>--data</c>; environment: <c>Dashboard__Mqtt</c>...).</summary>
public sealed class DashboardOptions
{
    public const string SectionName = "Dashboard";

    /// <summary>Where the dashboard listens when nothing else is configured: loopback only.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary><c>mqtt://[user:pass@]host:port</c>; the default is the device's embedded broker.</summary>
    public string Mqtt { get; set; } = "mqtt://127.0.0.1:1883";

    /// <summary>The dashboard's database lives here (unless <see cref="Database"/> names another).</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>
    /// Connection string of the database: empty for SQLite in the data directory, <c>Data Source=FILE</c> for another
    /// SQLite file, <c>Host=...;Database=...;Username=...</c> for PostgreSQL (docs/dashboard.md).
    /// </summary>
    public string? Database { get; set; }

    /// <summary>MQTT client id; stable across restarts so the broker keeps the session (one per dashboard).</summary>
    public string ClientId { get; set; } = "ampsdashboard-" + SafeHostName();

    /// <summary>MQTT 5 session expiry: how long the broker queues for the dashboard while it is away.</summary>
    public TimeSpan SessionExpiry { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A device whose telemetry has been silent this long is shown stale (it sends five messages a second).</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>How long a command waits for the device's reply.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>Largest device payload decoded; bigger ones are dropped with a log line naming the device.</summary>
    public int MaxPayloadBytes { get; set; } = 256 * 1024;

    /// <summary>Most devices tracked at once (a flood of invented ids cannot exhaust memory).</summary>
    public int MaxDevices { get; set; } = 500;

    /// <summary>How often the MQTT connection is checked and, when down, reconnected.</summary>
    public TimeSpan ConnectionCheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan ReconnectMinDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(15);

    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(15);

    private static string SafeHostName() =>
        new(Environment.MachineName.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_').Take(40).ToArray());
}
