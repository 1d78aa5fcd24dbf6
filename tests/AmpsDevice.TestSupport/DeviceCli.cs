using AmpsDevice.FirmwareHost.Cli;

namespace AmpsDevice.TestSupport;

/// <summary>The <c>ampsdevice</c> command line run in the test's own process, with what it writes to stdout and stderr.</summary>
public static class DeviceCli
{
    public static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await AmpsDeviceCli.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
