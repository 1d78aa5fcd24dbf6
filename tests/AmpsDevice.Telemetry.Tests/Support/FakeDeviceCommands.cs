using System.Collections.Concurrent;
using AmpsDevice.FirmwareHost.Sessions;

namespace AmpsDevice.Telemetry.Tests.Support;

/// <summary>Counts every call; answers ok (or <see cref="NextResult"/>).</summary>
public sealed class FakeDeviceCommands : IDeviceCommands
{
    public ConcurrentQueue<(string Command, CommandOrigin Origin, object? Argument)> Calls { get; } = new();

    public CommandResult NextResult { get; set; } = CommandResult.Success("s-1", "running");

    public int Count(string command) => Calls.Count(c => c.Command == command);

    public ValueTask<CommandResult> StartSessionAsync(StartSessionRequest request, CommandOrigin origin, CancellationToken cancellationToken) => Record("start", origin, request);

    public ValueTask<CommandResult> PauseAsync(CommandOrigin origin, CancellationToken cancellationToken) => Record("pause", origin);

    public ValueTask<CommandResult> ResumeAsync(CommandOrigin origin, CancellationToken cancellationToken) => Record("resume", origin);

    public ValueTask<CommandResult> StopAsync(CommandOrigin origin, CancellationToken cancellationToken) => Record("stop", origin);

    public ValueTask<CommandResult> AcknowledgeAlarmsAsync(CommandOrigin origin, CancellationToken cancellationToken) => Record("ack", origin);

    public ValueTask<CommandResult> RatePainAsync(int value, CommandOrigin origin, CancellationToken cancellationToken) => Record("pain", origin, value);

    private ValueTask<CommandResult> Record(string command, CommandOrigin origin, object? argument = null)
    {
        Calls.Enqueue((command, origin, argument));
        return ValueTask.FromResult(NextResult);
    }
}

/// <summary>A settable clock for the outbox age bound and the batcher; its timestamps count from its start.</summary>
public sealed class ManualTime(DateTimeOffset start) : TimeProvider
{
    private readonly DateTimeOffset _start = start;

    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => (Now - _start).Ticks;

    /// <summary>The moment of one of its timestamps.</summary>
    public DateTimeOffset At(long timestamp) => _start.AddTicks(timestamp);
}
