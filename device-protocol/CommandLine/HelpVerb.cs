using System.CommandLine;

namespace AmpsDevice.Protocol.CommandLine;

/// <summary><c>ampsdevice help</c>, <c>ampsdevice plan help</c>, <c>ampsdashboard users help</c>: the help of the command above (as <c>--help</c>).</summary>
public static class HelpVerb
{
    public static Command Command()
    {
        var command = new Command("help", "Show the help of the command above (as --help)") { Hidden = true };
        command.SetAction(result =>
        {
            var parent = result.CommandResult.Command.Parents.OfType<Command>().First();
            CliHelp.Write(parent, result.InvocationConfiguration.Output);
            return CliExitCodes.Done;
        });
        return command;
    }
}
