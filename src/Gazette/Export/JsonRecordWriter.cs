using System.Text.Json;
using Gazette.Core.Export;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Export;

/// <summary>The JSON writer with the few ways of writing a field the export uses, each in one place.</summary>
internal sealed class JsonRecordWriter(Utf8JsonWriter json, CancellationToken cancellation)
{
    /// <summary>Sent on to the output once this much is buffered.</summary>
    private const int FlushAt = 64 * 1024;

    public Utf8JsonWriter Json => json;
    public CancellationToken Cancellation => cancellation;

    public void Text(string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, JsonText.Clean(value));
        }
    }

    public void Number(string name, long? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    /// <summary>UTC, ISO 8601 with its fraction of a second, ending in Z.</summary>
    public void Date(string name, DateTime? value)
    {
        if (value is { } date)
        {
            json.WriteString(name, DateTime.SpecifyKind(date, DateTimeKind.Utc));
        }
        else
        {
            json.WriteNull(name);
        }
    }

    /// <summary>An enum's value by its name in camel case ("approved", "newsOfTheWeek").</summary>
    public void Name<TEnum>(string name, TEnum value) where TEnum : struct, Enum =>
        json.WriteString(name, JsonNamingPolicy.CamelCase.ConvertName(value.ToString()));

    public async Task FlushIfFullAsync()
    {
        if (json.BytesPending >= FlushAt)
        {
            await json.FlushAsync(cancellation);
        }
    }

    /// <summary>A table as an array of objects, read row by row.</summary>
    public async Task ArrayAsync<T>(string name, IQueryable<T> rows, Action<T, JsonRecordWriter> write) where T : class
    {
        json.WriteStartArray(name);
        await foreach (var row in rows.AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellation))
        {
            json.WriteStartObject();
            write(row, this);
            json.WriteEndObject();
            await FlushIfFullAsync();
        }
        json.WriteEndArray();
    }
}
