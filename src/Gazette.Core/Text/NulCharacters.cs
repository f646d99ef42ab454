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
    /// Where a JSON document holds NUL, in a string value or a property name: each place as a path of property names
    /// as sent (<c>body</c>, <c>items[2].text</c>), in document order. Empty for a document that is not valid JSON:
    /// whoever reads it refuses it for that.
    /// </summary>
    public static IReadOnlyList<string> InJson(ReadOnlySpan<byte> utf8Json)
    {
        var found = new List<string>();
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
                        var name = reader.GetString()!;
                        path[^1] = (name, 0, false);
                        if (In(name))
                        {
                            Add(found, PathOf(path));
                        }
                        break;
                    default:
                        if (reader.TokenType == JsonTokenType.String && reader.ValueIsEscaped && In(reader.GetString()))
                        {
                            Add(found, PathOf(path));
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
            return [];
        }
        return found;
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
