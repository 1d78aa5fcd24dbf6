using System.CommandLine;
using AmpsDevice.Dashboard.Hosting;
using AmpsDevice.Dashboard.Storage;
using AmpsDevice.Protocol.CommandLine;

namespace AmpsDevice.Dashboard.Cli;

/// <summary>
/// <c>--data DIR</c> and <c>--database CONN</c>: where the dashboard keeps its database, for the server and every verb
/// (before the verb or after it), and the database they name.
/// </summary>
public sealed class StorageOptions
{
    public StorageOptions(RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
        Data = CliOptions.Value("--data", "DIR", $"The data directory: the SQLite database, the sign-in keys ({DashboardOptions.SectionName}:DataDirectory; default: data)");
        Database = CliOptions.Value("--database", "CONN",
            $"The database instead of SQLite in the data directory: Data Source=FILE, or Host=H;Database=D;Username=U;Password=P for PostgreSQL ({DashboardOptions.SectionName}:Database)");
        Data.Recursive = true;
        Database.Recursive = true;
        root.Add(Data);
        root.Add(Database);
    }

    public Option<string> Data { get; }

    public Option<string> Database { get; }

    /// <summary>The configuration keys the given options set, e.g. <c>Dashboard:DataDirectory</c>.</summary>
    public IReadOnlyDictionary<string, string> Keys(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        if (result.GetValue(Data) is { } data)
        {
            keys[$"{DashboardOptions.SectionName}:DataDirectory"] = data;
        }

        if (result.GetValue(Database) is { } database)
        {
            keys[$"{DashboardOptions.SectionName}:Database"] = database;
        }

        return keys;
    }

    /// <summary>
    /// The database a verb works on, migrated: from appsettings.json beside the program, the environment, then
    /// <c>--data</c> and <c>--database</c>.
    /// </summary>
    public async Task<Database> OpenAsync(ParseResult result)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(Keys(result).Select(k => KeyValuePair.Create(k.Key, (string?)k.Value)))
            .Build();
        var options = new DashboardOptions();
        configuration.GetSection(DashboardOptions.SectionName).Bind(options);
        var database = new Database(options.Database, options.DataDirectory);
        try
        {
            await Migrations.ApplyAsync(database);
            return database;
        }
        catch
        {
            database.Dispose();
            throw;
        }
    }
}
