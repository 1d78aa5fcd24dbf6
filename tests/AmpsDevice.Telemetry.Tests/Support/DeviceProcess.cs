using System.Diagnostics;

namespace AmpsDevice.Telemetry.Tests.Support;

/// <summary>The built <c>ampsdevice run --simulate</c> as its own process, against a test broker.</summary>
internal static class DeviceProcess
{
    public static Process Start(MosquittoBroker broker, string data, params string[] extraOptions)
    {
        var exe = Path.Combine(AppContext.BaseDirectory, "ampsdevice.dll");
        var psi = new ProcessStartInfo("dotnet", ["exec", exe, "run", "--simulate", .. extraOptions, "--mqtt", broker.DeviceUri(),
            "--device-id", MosquittoBroker.DeviceA, "--data", data])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var p = Process.Start(psi)!;
        p.OutputDataReceived += (_, _) => { };
        p.ErrorDataReceived += (_, _) => { };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return p;
    }
}
