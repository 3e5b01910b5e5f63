using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SupplyChain.Silo.Tests.Audit;

/// <summary>A logger provider that keeps every line of one category, with its structured fields.</summary>
public sealed class CapturedLogs(string category) : ILoggerProvider
{
    public ConcurrentQueue<(LogLevel Level, IReadOnlyDictionary<string, object?> Fields, string Message)> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName == category ? this : null);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs? logs) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logs is not null;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logs is not null && state is IReadOnlyList<KeyValuePair<string, object?>> fields)
            {
                logs.Lines.Enqueue((logLevel, fields.ToDictionary(f => f.Key, f => f.Value), formatter(state, exception)));
            }
        }
    }
}
