using System.CommandLine;
using AmpsDevice.FirmwareHost.Hardware;
using AmpsDevice.FirmwareHost.Hosting;
using AmpsDevice.Protocol.CommandLine;
using Microsoft.Extensions.Options;

namespace AmpsDevice.FirmwareHost.Cli;

/// <summary>
/// <c>ampsdevice outputs-off</c>: claims every output line of the configured device map, drives it low (master
/// enable, heartbeat, bridges, indicators), switches the bridge PWM and the tactor PWM off, and exits. The unit's
/// <c>ExecStopPost=</c> runs it however the service ended (stop, crash, SIGKILL, watchdog kill): the kernel keeps a
/// GPIO at its last level when its process dies (docs/hardware.md). Opening the hardware is what drives it safe
/// (<see cref="DeviceIo"/> does that before anything else), so this is the same code as the service's start.
/// Exit 0 when every device opened; exit 2 naming the device that did not (every output opened before it was
/// driven low all the same).
/// </summary>
public static class OutputsOffVerb
{
    public const string Description =
        "Drives every output of the configured device low and the PWM off, then exits (the systemd unit's ExecStopPost). " +
        "Exit 0 when done; exit 2 naming a device that could not be opened (the outputs opened before it were still driven off).";

    public static Command Command()
    {
        var command = new Command("outputs-off", Description);
        var simulate = CliOptions.Flag("--simulate", "Do it on the simulator instead of the real GPIO and I2C devices (Device:Simulate)");
        command.Add(simulate);
        command.SetAction(result =>
        {
            var overrides = new Dictionary<string, string?>(StringComparer.Ordinal);
            if (result.GetValue(simulate))
            {
                overrides["Device:Simulate"] = "true";
            }

            return Run(overrides, result.InvocationConfiguration.Output, result.InvocationConfiguration.Error);
        });
        return command;
    }

    private static int Run(Dictionary<string, string?> overrides, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            var hardware = DeviceHardware.Open(RunVerb.EarlyConfiguration(overrides), TimeProvider.System);
            hardware.Io.Dispose();
            stdout.WriteLine($"outputs off ({hardware.SafeAtMs:0} ms after process start)");
            return ExitCodes.Done;
        }
        catch (Exception ex) when (ex is DeviceIoException or OptionsValidationException or ArgumentException)
        {
            stderr.WriteLine($"ampsdevice outputs-off: {ex.Message}");
            return ExitCodes.BadInput;
        }
    }
}
