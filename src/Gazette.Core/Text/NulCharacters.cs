using System.Text.Json;

namespace Gazette.Core.Text;

/// <summary>
/// The NUL character (U+0000) in text people send. PostgreSQL cannot store it in text and SQLite would, so Gazette
/// takes it from no one: text holding it is refused, the same on both databases. These find it; the site says so.
/// </summary>
public static class NulCharacters
{
    public const char Nul = '\0';

    public static bool In(string? text) => text is not null && text.Contains(Nul, StringComparison.Ordinal);

    /// <summary>The text without its NUL characters, to offer it back in a form that refused it.</summary>
    public static string Remove(string text) => In(text) ? text.Replace("\0", "", StringComparison.Ordinal) : text;

    /// <summary>
    /// Where a JSON document holds NUL, or a lone surrogate (<c>\uD800</c> unpaired: no character at all, which .NET's
    /// JSON reader refuses with an exception of the wrong kind), in a string value or a property name: each place as a
    /// path of property names as sent (<c>body</c>, <c>items[2].text</c>), in document order. Nothing for a document
    /// that is not valid JSON otherwise: whoever reads it refuses it for that.
    /// </summary>
    public static JsonTextFaults InJson(ReadOnlySpan<byte> utf8Json)
    {
        var found = new List<string>();
        var notText = new List<string>();
        // One entry per open object or array: the property name last read in it, or the index of the next item.
        var path = new List<(string? Property, int Index, bool IsArray)>();
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        path.Add((null, 0, reader.TokenType == JsonTokenType.StartArray));
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        path.RemoveAt(path.Count - 1);
                        NextItem(path);
                        break;
                    case JsonTokenType.PropertyName:
                        var name = TextOf(ref reader);
                        path[^1] = (name ?? "", 0, false);
                        if (name is null)
                        {
                            Add(notText, PathOf(path));
                        }
                        else if (In(name))
                        {
                            Add(found, PathOf(path));
                        }
                        break;
                    default:
                        if (reader.TokenType == JsonTokenType.String && reader.ValueIsEscaped)
                        {
                            var value = TextOf(ref reader);
                            if (value is null)
                            {
                                Add(notText, PathOf(path));
                            }
                            else if (In(value))
                            {
                                Add(found, PathOf(path));
                            }
                        }
                        if (path.Count > 0 && path[^1].IsArray)
                        {
                            NextItem(path);
                        }
                        break;
                }
            }
        }
        catch (JsonException)
        {
            return JsonTextFaults.None;
        }
        return new JsonTextFaults(found, notText);
    }

    /// <summary>The token's text, or null for an escape that is not a character (a lone surrogate).</summary>
    private static string? TextOf(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static void NextItem(List<(string? Property, int Index, bool IsArray)> path)
    {
        if (path.Count > 0 && path[^1].IsArray)
        {
            path[^1] = path[^1] with { Index = path[^1].Index + 1 };
        }
    }

    private static void Add(List<string> found, string place)
    {
        if (!found.Contains(place))
        {
            found.Add(place);
        }
    }

    private static string PathOf(List<(string? Property, int Index, bool IsArray)> path)
    {
        var text = new System.Text.StringBuilder();
        foreach (var (property, index, isArray) in path)
        {
            if (isArray)
            {
                text.Append('[').Append(index).Append(']');
            }
            else if (property is not null)
            {
                text.Append(text.Length == 0 ? "" : ".").Append(Remove(property));
            }
        }
        return text.ToString();
    }
}

/// <summary>Where a JSON document holds NUL, and where it holds an escape that is no character (a lone surrogate).</summary>
public sealed record JsonTextFaults(IReadOnlyList<string> Nul, IReadOnlyList<string> LoneSurrogates)
{
    public static readonly JsonTextFaults None = new([], []);

    public bool Any => Nul.Count > 0 || LoneSurrogates.Count > 0;
}
