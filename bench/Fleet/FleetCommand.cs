using AmpsDevice.Bench.Support;
using AmpsDevice.Protocol.Profiles;

namespace AmpsDevice.Bench.Fleet;

/// <summary>
/// <c>fleet --devices N [--mqtt URI] [--duration S] [--prefix ID]</c>: N devices publishing as running devices do
/// (see <see cref="FleetRun"/>) until the duration is up or Ctrl+C; prints what was published. Exit 2 on bad input.
/// </summary>
public static class FleetCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var options = FleetOptions.Parse(args, out var error);
        if (options is null)
        {
            await stderr.WriteLineAsync(error);
            return 2;
        }

        var run = new FleetRun(options, LoadProfile());
        using var stop = options.Duration is { } duration ? new CancellationTokenSource(duration) : new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        await stdout.WriteLineAsync($"fleet: {options.Devices} devices ({options.DeviceId(0)} .. {options.DeviceId(options.Devices - 1)}) publishing to {options.Broker}" +
            (options.Duration is { } d ? $" for {d.TotalSeconds:0} s" : "; Ctrl+C stops"));
        var totals = await run.RunAsync(stop.Token);
        await stdout.WriteLineAsync("fleet: " + totals);
        return totals.Messages > 0 ? 0 : 1;
    }

    /// <summary>The bench load (every channel at once), which each device runs session after session.</summary>
    public static StimulusProfile LoadProfile()
    {
        var parsed = ProfileParser.ParseFile(RepoPaths.EveryChannelProfile);
        return parsed.Value ?? throw new InvalidOperationException(
            $"{RepoPaths.EveryChannelProfile}: {string.Join("; ", parsed.Errors.Select(e => e.ToString()))}");
    }
}
