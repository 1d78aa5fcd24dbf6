using AmpsDevice.FirmwareHost.Control;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AmpsDevice.FirmwareHost.Sessions;

/// <summary>
/// On the service's stop (SIGTERM), stops a running session the way a therapist would (recorded as stopped, reason
/// "service stopping") and lets the control loop carry that out and hold the outputs safe for a few ticks, before
/// the loop itself ends. Registered after <see cref="ControlLoopRunner"/>, so the host stops it first.
/// </summary>
public sealed partial class SessionShutdown(SessionEngine engine, ControlLoopRunner runner, TimeProvider time, ILogger<SessionShutdown> logger)
    : IHostedService
{
    /// <summary>The reason recorded for a session the service's own stop (SIGTERM) ended.</summary>
    public const string ServiceStoppingReason = "service stopping";

    /// <summary>How long the loop keeps running, outputs safe, after the service's stop ended a session.</summary>
    public static readonly TimeSpan SafeHoldOnStop = TimeSpan.FromMilliseconds(300);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (engine.State.IsFinished() || !runner.IsRunning)
        {
            return;
        }

        var stop = engine.Post(new SessionCommand.Stop(CommandOrigin.Local) { Reason = ServiceStoppingReason });
        try
        {
            await stop.WaitAsync(SessionController.CommandTimeout, time, cancellationToken).ConfigureAwait(false);

            // A few more ticks with the outputs held safe, so that the records and telemetry show the safe state.
            await Task.Delay(SafeHoldOnStop, time, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            LogStopNotTaken();
        }
    }

    [LoggerMessage(EventId = 102, Level = LogLevel.Error, Message = "The control loop did not take the session stop in time; the loop ends and drives the outputs safe anyway")]
    private partial void LogStopNotTaken();
}
