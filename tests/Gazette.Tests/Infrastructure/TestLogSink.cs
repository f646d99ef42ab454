using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Gazette.Tests.Infrastructure;

/// <summary>One line the app logged, with the values of its message template.</summary>
public sealed record LoggedMessage(string Category, LogLevel Level, EventId EventId, string Message, IReadOnlyDictionary<string, object?> Values);

/// <summary>
/// A logger provider that keeps what the app logs, for tests that assert on it. Add it to a factory with
/// <see cref="AddTo"/>: it records the given categories from the given level, whatever the configured levels say.
/// </summary>
public sealed class TestLogSink : ILoggerProvider
{
    private readonly ConcurrentQueue<LoggedMessage> messages = new();

    public IReadOnlyList<LoggedMessage> Messages => messages.ToList();

    public IReadOnlyList<LoggedMessage> From(string category) => messages.Where(m => m.Category == category).ToList();

    public void AddTo(ILoggingBuilder logging, string category, LogLevel minimum = LogLevel.Information)
    {
        logging.AddProvider(this);
        // A rule for this provider wins over the configured "Default" rule for every provider.
        logging.AddFilter<TestLogSink>(category, minimum);
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(TestLogSink sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.First().Value)
                : new Dictionary<string, object?>();
            sink.messages.Enqueue(new LoggedMessage(category, logLevel, eventId, formatter(state, exception), values));
        }
    }
}
