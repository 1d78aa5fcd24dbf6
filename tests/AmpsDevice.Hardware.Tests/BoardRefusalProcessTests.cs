using System.Diagnostics;

namespace AmpsDevice.Hardware.Tests;

/// <summary><c>ampsdevice run</c> and <c>outputs-off</c> on a Raspberry Pi 5: refused at start, exit 2, naming the board.</summary>
public sealed class BoardRefusalProcessTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"pi5-{Guid.NewGuid():N}");

    public BoardRefusalProcessTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("run")]
    [InlineData("outputs-off")]
    public async Task On_a_Pi_5_the_service_exits_2_naming_the_board(string verb)
    {
        var model = Path.Combine(_dir, "model");
        await File.WriteAllTextAsync(model, "Raspberry Pi 5 Model B Rev 1.0\0");
        var psi = new ProcessStartInfo("dotnet", ["exec", Path.Combine(AppContext.BaseDirectory, "ampsdevice.dll"), verb])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _dir,
        };
        psi.Environment["Hardware__BoardModelFile"] = model;
        psi.Environment["Device__Simulate"] = "false";
        psi.Environment["Device__DataDirectory"] = _dir;
        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("board: Raspberry Pi 5 Model B Rev 1.0: this device's pin map is for the Raspberry Pi 4 only", await stderr, StringComparison.Ordinal);
    }
}
