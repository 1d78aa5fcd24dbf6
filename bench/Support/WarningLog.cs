using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AmpsDevice.Bench.Support;

/// <summary>
/// Keeps the warnings and errors a composition under measurement logs (its time, category and message), so that a
/// figure can say what the service itself reported while a run was slow instead of only that it was.
/// </summary>
public sealed class WarningLog : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _entries = new();

    public IReadOnlyCollection<string> Entries => _entries;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName[(categoryName.LastIndexOf('.') + 1)..]);

    public void Dispose()
    {
    }

    private sealed class Logger(WarningLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                log._entries.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {category}: {formatter(state, exception)}");
            }
        }
    }
}
