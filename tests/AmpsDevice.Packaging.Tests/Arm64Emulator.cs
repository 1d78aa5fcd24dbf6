namespace AmpsDevice.Packaging.Tests;

/// <summary>
/// Debian's user-mode emulator for linux-arm64 executables (<c>qemu-aarch64-static</c>, with the arm64 C, C++, OpenSSL,
/// ICU and zlib libraries; tests/run installs them), which runs the packaged programs on this x64 machine.
/// </summary>
internal static class Arm64Emulator
{
    public const string Name = "qemu-aarch64-static";

    /// <summary>Fails the test with what to install when the emulator is missing (rather than an unclear start failure).</summary>
    public static void Require() =>
        Assert.True(Exists(), $"{Name} is not installed (tests/run installs qemu-user-static and the arm64 libraries)");

    private static bool Exists() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(dir => File.Exists(Path.Combine(dir, Name)));
}
