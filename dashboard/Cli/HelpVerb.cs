using System.CommandLine;

namespace AmpsDevice.Dashboard.Cli;

/// <summary><c>ampsdashboard help</c> and <c>ampsdashboard users help</c>: the help of the command above (as <c>--help</c>).</summary>
public static class HelpVerb
{
    public static Command Command()
    {
        var command = new Command("help", "Show the help of the command above (as --help)") { Hidden = true };
        command.SetAction(result =>
        {
            var parent = result.CommandResult.Command.Parents.OfType<Command>().First();
            CliHelp.Write(parent, result.InvocationConfiguration.Output);
            return ExitCodes.Done;
        });
        return command;
    }
}
