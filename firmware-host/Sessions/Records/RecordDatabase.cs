using Microsoft.Data.Sqlite;

namespace AmpsDevice.FirmwareHost.Sessions.Records;

/// <summary>
/// Opens <c>records.db</c> (SQLite, WAL) and makes sure its schema is the one this build knows
/// (<c>PRAGMA user_version</c>). A file that is not a database, or that a newer build wrote, is a
/// <see cref="RecordStoreException"/> that names the file and what to do, never a half-working store.
/// </summary>
public static class RecordDatabase
{
    /// <summary>The file name inside the data directory.</summary>
    public const string FileName = "records.db";

    /// <summary>Schema version written by this build (<c>user_version</c>); 0 is a new, empty file.</summary>
    public const int SchemaVersion = 1;

    private const string Schema = """
        CREATE TABLE sessions(
          id INTEGER PRIMARY KEY,
          session_id TEXT NOT NULL UNIQUE,
          patient_id TEXT NOT NULL,
          profile_name TEXT NOT NULL,
          profile_json TEXT NOT NULL,
          plan_id TEXT,
          plan_level INTEGER,
          channels_json TEXT NOT NULL,
          sample_rate_hz REAL NOT NULL,
          origin TEXT,
          started_at INTEGER NOT NULL,
          start_loop_s REAL NOT NULL,
          ended_at INTEGER,
          duration_s REAL,
          outcome TEXT,
          reason TEXT,
          max_pain INTEGER);
        CREATE INDEX sessions_patient ON sessions(patient_id, started_at);
        CREATE TABLE steps(
          session INTEGER NOT NULL REFERENCES sessions(id),
          step_index INTEGER NOT NULL,
          name TEXT NOT NULL,
          started_s REAL NOT NULL,
          ended_s REAL,
          result TEXT,
          PRIMARY KEY(session, step_index)) WITHOUT ROWID;
        CREATE TABLE events(
          id INTEGER PRIMARY KEY,
          session INTEGER NOT NULL REFERENCES sessions(id),
          t_s REAL NOT NULL,
          at INTEGER NOT NULL,
          kind TEXT NOT NULL,
          state TEXT NOT NULL,
          step_index INTEGER,
          target TEXT,
          rule TEXT,
          value REAL,
          message TEXT,
          result TEXT,
          origin TEXT,
          latency_ms REAL);
        CREATE INDEX events_session ON events(session, t_s);
        CREATE TABLE alarms(
          id INTEGER PRIMARY KEY,
          session INTEGER REFERENCES sessions(id),
          rule TEXT NOT NULL,
          target TEXT NOT NULL,
          priority TEXT NOT NULL,
          message TEXT NOT NULL,
          raised_s REAL NOT NULL,
          raised_at INTEGER NOT NULL,
          cleared_s REAL,
          cleared_at INTEGER);
        CREATE INDEX alarms_session ON alarms(session);
        CREATE TABLE samples(
          session INTEGER NOT NULL REFERENCES sessions(id),
          t_s REAL NOT NULL,
          safe INTEGER NOT NULL,
          data BLOB NOT NULL,
          PRIMARY KEY(session, t_s)) WITHOUT ROWID;
        """;

    /// <summary>The path of the records file in <paramref name="dataDirectory"/>.</summary>
    public static string PathIn(string dataDirectory) => Path.Combine(dataDirectory, FileName);

    /// <summary>Opens (creating when <paramref name="create"/>) and checks the records file.</summary>
    /// <exception cref="RecordStoreException">No file (and not creating), not a database, or a newer schema.</exception>
    public static SqliteConnection Open(string path, bool create)
    {
        if (!create && !File.Exists(path))
        {
            throw new RecordStoreException($"{path}: no session records here (check --data)");
        }

        if (create)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        }

        var db = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Pooling = false,
            Mode = create ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
        }.ToString());
        try
        {
            db.Open();
            Execute(db, "PRAGMA busy_timeout=5000;");
            Execute(db, "PRAGMA journal_mode=WAL;");

            // FULL: every commit fsyncs the WAL. The writer commits at least every half second, so a power cut
            // loses at most the samples since the last commit (< 1 s), and a committed session start, step or
            // event is never lost. NORMAL would leave commits in the page cache until the next checkpoint
            // (seconds to minutes on Linux). Either keeps the file itself consistent: WAL replays only whole,
            // checksummed transactions. Two fsyncs a second are nothing for an SD card.
            Execute(db, "PRAGMA synchronous=FULL;");
            Execute(db, "PRAGMA foreign_keys=ON;");
            var version = Scalar(db, "PRAGMA user_version;");
            if (version > SchemaVersion)
            {
                throw new RecordStoreException(
                    $"{path}: written by a newer version of ampsdevice (schema {version}, this one knows {SchemaVersion}); update ampsdevice or use another --data folder");
            }

            if (version == 0)
            {
                if (Scalar(db, "SELECT COUNT(*) FROM sqlite_schema;") != 0)
                {
                    throw new RecordStoreException($"{path}: holds tables that are not session records; move it aside or use another --data folder");
                }

                using var tx = db.BeginTransaction();
                Execute(db, Schema, tx);
                Execute(db, $"PRAGMA user_version={SchemaVersion};", tx);
                tx.Commit();
            }

            return db;
        }
        catch (SqliteException ex)
        {
            db.Dispose();
            throw new RecordStoreException(
                $"{path}: cannot be read as session records (SQLite: {ex.Message.TrimEnd('.')}); the file may be damaged: move it aside to keep it for recovery, and the device starts a new one", ex);
        }
        catch
        {
            db.Dispose();
            throw;
        }
    }

    internal static void Execute(SqliteConnection db, string sql, SqliteTransaction? tx = null)
    {
        using var cmd = db.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static long Scalar(SqliteConnection db, string sql)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
