using AmpsDevice.Dashboard.Hosting;
using AmpsDevice.Dashboard.Storage;

namespace AmpsDevice.Dashboard.Users;

/// <summary>
/// <c>ampsdashboard users add NAME --role therapist|observer --password-stdin</c>, <c>users list</c>,
/// <c>users remove NAME</c> (each takes <c>--data DIR</c> and <c>--database CONN</c> like the server). Exit codes: 0 done, 1 refused
/// (the message says why), 2 usage error.
/// </summary>
public static class UsersCommand
{
    private const string Usage = """
        usage: ampsdashboard users add NAME --role therapist|observer --password-stdin [--data DIR] [--database CONN]
               ampsdashboard users list [--data DIR] [--database CONN]
               ampsdashboard users remove NAME [--data DIR] [--database CONN]
        """;

    public static bool Matches(string[] args) => args.Length > 0 && args[0] == "users";

    public static async Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        var positional = new List<string>();
        string? role = null;
        var passwordFromStdin = false;
        var configArgs = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--role" when i + 1 < args.Length:
                    role = args[++i];
                    break;
                case "--password-stdin":
                    passwordFromStdin = true;
                    break;
                case "--data" when i + 1 < args.Length:
                    configArgs.Add($"--{DashboardOptions.SectionName}:DataDirectory={args[++i]}");
                    break;
                case "--database" when i + 1 < args.Length:
                    configArgs.Add($"--{DashboardOptions.SectionName}:Database={args[++i]}");
                    break;
                case var a when a.StartsWith("--", StringComparison.Ordinal):
                    await stderr.WriteLineAsync($"unknown or incomplete option '{a}'\n{Usage}");
                    return 2;
                default:
                    positional.Add(args[i]);
                    break;
            }
        }

        var options = CommandLineOptions.Load(configArgs);
        using var database = new Database(options.Database, options.DataDirectory);
        await Migrations.ApplyAsync(database);
        var users = new UserStore(database);

        switch (positional)
        {
            case ["add", var name]:
                if (role is null || !passwordFromStdin)
                {
                    await stderr.WriteLineAsync($"users add needs --role therapist|observer and --password-stdin\n{Usage}");
                    return 2;
                }

                var password = (await stdin.ReadLineAsync())?.TrimEnd('\r') ?? "";
                if (await users.AddAsync(name, role, password) is { } error)
                {
                    await stderr.WriteLineAsync(error);
                    return 1;
                }

                await stdout.WriteLineAsync($"added {name} ({role})");
                return 0;
            case ["list"]:
                foreach (var user in await users.ListAsync())
                {
                    await stdout.WriteLineAsync($"{user.Name}\t{user.Role}\t{user.CreatedAt:yyyy-MM-dd HH:mm}Z");
                }

                return 0;
            case ["remove", var name]:
                if (!await users.RemoveAsync(name))
                {
                    await stderr.WriteLineAsync($"no user '{name}'");
                    return 1;
                }

                await stdout.WriteLineAsync($"removed {name}");
                return 0;
            default:
                await stderr.WriteLineAsync(Usage);
                return 2;
        }
    }
}
