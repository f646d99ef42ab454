using System.Globalization;
using System.Text.Json;

namespace Gazette.Core.Import.GazetteJson;

/// <summary>
/// A record's fields as the export writes them (docs/export.schema.json), read strictly: a field missing or of the
/// wrong type is a <see cref="GazetteJsonException"/> naming it, never a default.
/// </summary>
public static class GazetteJsonFields
{
    public static string Text(this JsonElement record, string name) =>
        Field(record, name) is { ValueKind: JsonValueKind.String } value ? value.GetString()! : throw Wrong(name, "text");

    public static string? TextOrNull(this JsonElement record, string name) =>
        Field(record, name) is { ValueKind: JsonValueKind.Null } ? null : Text(record, name);

    public static int Int(this JsonElement record, string name) =>
        Field(record, name) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt32(out var number) ? number : throw Wrong(name, "a whole number");

    public static int? IntOrNull(this JsonElement record, string name) =>
        Field(record, name) is { ValueKind: JsonValueKind.Null } ? null : Int(record, name);

    public static long Long(this JsonElement record, string name) =>
        Field(record, name) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt64(out var number) ? number : throw Wrong(name, "a whole number");

    public static long? LongOrNull(this JsonElement record, string name) =>
        Field(record, name) is { ValueKind: JsonValueKind.Null } ? null : Long(record, name);

    public static double Double(this JsonElement record, string name) =>
        Field(record, name) is { ValueKind: JsonValueKind.Number } value ? value.GetDouble() : throw Wrong(name, "a number");

    public static bool Bool(this JsonElement record, string name) => Field(record, name).ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Wrong(name, "true or false"),
    };

    /// <summary>A UTC time (ISO 8601 ending in Z), to the tick.</summary>
    public static DateTime Date(this JsonElement record, string name) =>
        Field(record, name) is { ValueKind: JsonValueKind.String } value && value.TryGetDateTime(out var date)
            ? DateTime.SpecifyKind(date.Kind == DateTimeKind.Local ? date.ToUniversalTime() : date, DateTimeKind.Utc)
            : throw Wrong(name, "a date and time");

    public static DateTime? DateOrNull(this JsonElement record, string name) =>
        Field(record, name) is { ValueKind: JsonValueKind.Null } ? null : Date(record, name);

    public static DateTimeOffset? DateTimeOffsetOrNull(this JsonElement record, string name) =>
        Field(record, name) switch
        {
            { ValueKind: JsonValueKind.Null } => null,
            { ValueKind: JsonValueKind.String } value when value.TryGetDateTimeOffset(out var date) => date,
            _ => throw Wrong(name, "a date and time"),
        };

    public static DateOnly Day(this JsonElement record, string name) =>
        DateOnly.TryParseExact(Text(record, name), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day : throw Wrong(name, "a day (yyyy-MM-dd)");

    /// <summary>An enum's value by its name in camel case, as the export writes it ("approved", "newsOfTheWeek").</summary>
    public static TEnum Name<TEnum>(this JsonElement record, string name) where TEnum : struct, Enum =>
        Enum.TryParse<TEnum>(Text(record, name), ignoreCase: true, out var value) && Enum.IsDefined(value) && !char.IsDigit(Text(record, name)[0])
            ? value
            : throw Wrong(name, string.Join(", ", Enum.GetNames<TEnum>().Select(n => JsonNamingPolicy.CamelCase.ConvertName(n))));

    public static IEnumerable<JsonElement> Items(this JsonElement record, string name) =>
        Field(record, name) is { ValueKind: JsonValueKind.Array } value ? value.EnumerateArray() : throw Wrong(name, "a list");

    public static JsonElement? ObjectOrNull(this JsonElement record, string name) => Field(record, name) switch
    {
        { ValueKind: JsonValueKind.Null } => null,
        { ValueKind: JsonValueKind.Object } value => value,
        _ => throw Wrong(name, "an object"),
    };

    private static JsonElement Field(JsonElement record, string name) =>
        record.ValueKind == JsonValueKind.Object && record.TryGetProperty(name, out var value)
            ? value
            : throw new GazetteJsonException($"It has no \"{name}\".");

    private static GazetteJsonException Wrong(string name, string what) => new($"Its \"{name}\" is not {what}.");
}
