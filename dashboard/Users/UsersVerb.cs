using System.CommandLine;
using AmpsDevice.Dashboard.Cli;
using AmpsDevice.Protocol.CommandLine;

namespace AmpsDevice.Dashboard.Users;

/// <summary>
/// <c>ampsdashboard users add NAME --role therapist|observer --password-stdin</c>, <c>users list</c>,
/// <c>users remove NAME</c> (each with <c>--data DIR</c> and <c>--database CONN</c> like the server). Exit codes:
/// 0 done, 1 refused (the message says why), 2 usage error.
/// </summary>
public static class UsersVerb
{
    public const string Description = "Who may sign in to the dashboard: add, list or remove a user.";

    public static Command Command(StorageOptions storage, TextReader stdin)
    {
        var command = new Command("users", Description)
        {
            Add(storage, stdin),
            List(storage),
            Remove(storage),
            HelpVerb.Command(),
        };
        return command;
    }

    private static Command Add(StorageOptions storage, TextReader stdin)
    {
        var command = new Command("add",
            "Adds a user. The password is the first line of standard input (--password-stdin), so it never appears in the shell history " +
            "or the process list; it is stored only as a hash. Exit 1 when refused: an existing user, an unknown role, a password shorter " +
            $"than {UserStore.MinPasswordLength} characters.");
        var name = CliOptions.Required(command, "NAME", $"The user name: 1-{UserStore.MaxNameLength} characters of A-Z a-z 0-9 . _ - (staff, never patients)",
            "users add needs a user name: users add NAME --role therapist|observer --password-stdin");
        var role = CliOptions.Value("--role", $"{Roles.Therapist}|{Roles.Observer}",
            $"{Roles.Therapist}: everything, including commands and the audit; {Roles.Observer}: watches, never commands (required)");
        var passwordStdin = CliOptions.Flag("--password-stdin", "Read the password from the first line of standard input (required)");
        command.Add(role);
        command.Add(passwordStdin);
        CliOptions.Require(command, $"users add needs --role {Roles.Therapist}|{Roles.Observer} and --password-stdin", role, passwordStdin);
        command.SetAction(async (result, ct) =>
        {
            var user = result.GetValue(name)!;
            var stderr = result.InvocationConfiguration.Error;
            var password = (await stdin.ReadLineAsync(ct))?.TrimEnd('\r');
            if (string.IsNullOrEmpty(password))
            {
                await stderr.WriteLineAsync("users add: no password: --password-stdin reads it from the first line of standard input, which was empty");
                return ExitCodes.Refused;
            }

            using var database = await storage.OpenAsync(result);
            if (await new UserStore(database).AddAsync(user, result.GetValue(role)!, password, ct) is { } error)
            {
                await stderr.WriteLineAsync(error);
                return ExitCodes.Refused;
            }

            await result.InvocationConfiguration.Output.WriteLineAsync($"added {user} ({result.GetValue(role)})");
            return ExitCodes.Done;
        });
        return command;
    }

    private static Command List(StorageOptions storage)
    {
        var command = new Command("list", "Lists the users, one a line: name, role and when it was added (UTC), tab-separated.");
        command.SetAction(async (result, ct) =>
        {
            using var database = await storage.OpenAsync(result);
            foreach (var user in await new UserStore(database).ListAsync(ct))
            {
                await result.InvocationConfiguration.Output.WriteLineAsync($"{user.Name}\t{user.Role}\t{user.CreatedAt:yyyy-MM-dd HH:mm}Z");
            }

            return ExitCodes.Done;
        });
        return command;
    }

    private static Command Remove(StorageOptions storage)
    {
        var command = new Command("remove", "Removes a user. Exit 1 when there is no such user.");
        var name = CliOptions.Required(command, "NAME", "The user name", "users remove needs a user name: users remove NAME");
        command.SetAction(async (result, ct) =>
        {
            var user = result.GetValue(name)!;
            using var database = await storage.OpenAsync(result);
            if (!await new UserStore(database).RemoveAsync(user, ct))
            {
                await result.InvocationConfiguration.Error.WriteLineAsync($"no user '{user}'");
                return ExitCodes.Refused;
            }

            await result.InvocationConfiguration.Output.WriteLineAsync($"removed {user}");
            return ExitCodes.Done;
        });
        return command;
    }
}
