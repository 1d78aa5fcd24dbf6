using System.Diagnostics;
using System.Globalization;

namespace AmpsDevice.TestSupport;

/// <summary>
/// A real PostgreSQL 15 from Debian's packages (<c>initdb</c>, <c>pg_ctl</c>) in a temporary folder on a free
/// 127.0.0.1 port, started by the constructor and stopped in Dispose. The server refuses to run as root, so as
/// root it runs as the <c>postgres</c> user the package creates (<c>runuser -u postgres --</c>) in a folder that
/// user owns. Trust authentication on loopback only; no fsync (a test database, thrown away) unless
/// <c>durable</c>, which keeps PostgreSQL's own defaults (fsync, synchronous commit, full-page writes) for the bench's
/// figures, where what a commit costs is what is measured.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    public const string BinDirectory = "/usr/lib/postgresql/15/bin";
    public const string SuperUser = "postgres";

    private readonly string _dir;
    private readonly string _data;
    private readonly bool _asRoot = Environment.UserName == "root";

    /// <summary>A test server (no fsync): the one public constructor, as an xunit collection fixture needs.</summary>
    public PostgresServer()
        : this(durable: false)
    {
    }

    private PostgresServer(bool durable)
    {
        if (!File.Exists(Path.Combine(BinDirectory, "initdb")))
        {
            throw new InvalidOperationException($"PostgreSQL 15 is not installed ({BinDirectory}/initdb missing): apt-get install postgresql");
        }

        _dir = TempDirectory.Create("postgres");
        _data = Path.Combine(_dir, "data");
        Port = FreePort.Next();
        if (_asRoot)
        {
            Run("chown", "-R", $"{SuperUser}:{SuperUser}", _dir);
        }

        RunAsServerUser(Path.Combine(BinDirectory, "initdb"), "-D", _data, "-U", SuperUser, "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync");
        RunAsServerUser(Path.Combine(BinDirectory, "pg_ctl"), "-D", _data, "-l", Path.Combine(_dir, "server.log"), "-w", "-t", "60",
            "-o", $"-p {Port.ToString(CultureInfo.InvariantCulture)} -k {_dir} -c listen_addresses=127.0.0.1" + (durable ? "" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"),
            "start");
    }

    /// <summary>A server with PostgreSQL's own fsync, synchronous commit and full-page writes (the bench's figures).</summary>
    public static PostgresServer Durable() => new(durable: true);

    public int Port { get; }

    /// <summary>Npgsql connection string for <paramref name="database"/> on this server.</summary>
    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port.ToString(CultureInfo.InvariantCulture)};Username={SuperUser};Database={database};Pooling=true";

    /// <summary>Creates a fresh, empty database and returns its connection string.</summary>
    public string CreateDatabase(string prefix = "amps")
    {
        if (prefix.Length > 20 || !prefix.All(c => char.IsAsciiLetterLower(c) || c == '_'))
        {
            throw new ArgumentException("a database prefix is 1-20 characters of a-z and _", nameof(prefix));
        }

        var name = $"{prefix}_{Guid.NewGuid():N}";
        Psql($"CREATE DATABASE \"{name}\"");
        return ConnectionString(name);
    }

    /// <summary>Runs one SQL statement through psql as the superuser; returns what it printed (unaligned, tuples only).</summary>
    public string Psql(string sql, string database = "postgres") =>
        RunAsServerUser(Path.Combine(BinDirectory, "psql"), "-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), "-U", SuperUser,
            "-d", database, "-v", "ON_ERROR_STOP=1", "-At", "-c", sql);

    public void Dispose()
    {
        try
        {
            RunAsServerUser(Path.Combine(BinDirectory, "pg_ctl"), "-D", _data, "-m", "immediate", "-w", "stop");
        }
        catch (InvalidOperationException)
        {
            // already stopped
        }

        TempDirectory.TryDelete(_dir);
    }

    private string RunAsServerUser(string file, params string[] args) =>
        _asRoot ? Run("runuser", ["-u", SuperUser, "--", file, .. args]) : Run(file, args);

    private static string Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file, args)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            WorkingDirectory = "/",
        };
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(120_000))
        {
            p.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} did not finish within 120 s");
        }

        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {p.ExitCode}: {stderr.Result}{stdout.Result}");
        }

        return stdout.Result;
    }
}
