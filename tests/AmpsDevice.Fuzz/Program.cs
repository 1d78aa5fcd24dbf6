using SharpFuzz;

namespace AmpsDevice.Fuzz;

/// <summary>
/// <c>dotnet AmpsDevice.Fuzz.dll TARGET</c>: under afl-fuzz, runs <see cref="Targets"/>' TARGET on each input
/// AFL++ generates (SharpFuzz's forkserver); outside it, runs it once on standard input, which replays a
/// finding. A finding is an unhandled exception, which AFL++ records as a crash.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length != 1 || !Targets.All.TryGetValue(args[0], out var target))
        {
            Console.Error.WriteLine($"usage: AmpsDevice.Fuzz {string.Join('|', Targets.All.Keys)}  (input on standard input)");
            return 2;
        }

        Fuzzer.OutOfProcess.Run(stream =>
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            target(buffer.ToArray());
        });
        return 0;
    }
}
