using System.Runtime.InteropServices;

namespace AmpsDevice.Bench.Support;

/// <summary>The machine the figures were measured on.</summary>
public sealed record MachineInfo(string Cpu, int Cores, double RamGiB, string Os, string DotNet, DateTimeOffset Date)
{
    public static MachineInfo Current() => new(
        CpuModel(),
        Environment.ProcessorCount,
        MemTotalKiB() / 1024.0 / 1024.0,
        OsName(),
        RuntimeInformation.FrameworkDescription,
        DateTimeOffset.UtcNow);

    private static string CpuModel()
    {
        const string Key = "model name";
        var line = ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith(Key, StringComparison.Ordinal));
        return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }

    private static long MemTotalKiB()
    {
        var line = ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string OsName()
    {
        var pretty = ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal));
        var name = pretty is null ? RuntimeInformation.OSDescription : pretty["PRETTY_NAME=".Length..].Trim('"');
        return $"{name}, kernel {Environment.OSVersion.Version}";
    }

    private static IEnumerable<string> ReadLines(string path) => File.Exists(path) ? File.ReadLines(path) : [];
}
