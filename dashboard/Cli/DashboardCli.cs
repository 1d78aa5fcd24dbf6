using System.Reflection;
using AmpsDevice.Dashboard.History;
using AmpsDevice.Dashboard.Users;
using AmpsDevice.Protocol.CommandLine;

namespace AmpsDevice.Dashboard.Cli;

/// <summary>The command line of <c>ampsdashboard</c>: the server (no verb), its verbs, options and exit codes (docs/dashboard.md).</summary>
public static class DashboardCli
{
    public const string ProgramName = "ampsdashboard";

    public const string Description =
        "The AmpsDevice clinic dashboard and therapist's console, a web app that speaks to the devices over MQTT. " +
        "Without a verb it runs the server until stopped (SIGTERM); it also takes ASP.NET Core configuration keys as --Section:Key=value " +
        "(e.g. --Dashboard:StaleAfter=00:00:10). The verbs manage its users and its history, and exit.";

    public static Task<int> RunAsync(IReadOnlyList<string> args, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return CliInvocation.InvokeAsync(Root(context), args, context.Output, context.Error);
    }

    public static ProgramRoot Root(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        // Words the root does not know may be configuration keys for the server; the others are refused. --version prints
        // this assembly's version, not the entry assembly's as System.CommandLine would (the same when run as
        // ampsdashboard). An exception leaves the process as it always has, with its stack trace.
        var root = new ProgramRoot(ProgramName, Description,
            typeof(DashboardCli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion)
        {
            PassThrough = new ConfigurationKeys(),
        };
        var storage = new StorageOptions(root);
        ServerVerb.AddTo(root, storage, context.RunServer);
        root.Add(UsersVerb.Command(storage, context.Input));
        root.Add(HistoryVerb.Command(storage, context.Time));
        root.Add(HelpVerb.Command());
        return root;
    }
}
