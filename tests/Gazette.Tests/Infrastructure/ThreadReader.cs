using AngleSharp.Dom;

namespace Gazette.Tests.Infrastructure;

/// <summary>A comment as a reader sees it on the page.</summary>
public sealed record ShownComment(int Id, string? Number, string Author, string Text, string DateTime, IReadOnlyList<ShownComment> Replies)
{
    /// <summary>The tree as "number author" lines indented by depth, easy to compare and to read in a failure.</summary>
    public static string Outline(IEnumerable<ShownComment> comments, int depth = 0) => string.Concat(comments.Select(c =>
        $"{new string(' ', depth * 2)}{(c.Number is null ? "" : c.Number + ". ")}{c.Author}\n" + Outline(c.Replies, depth + 1)));
}

/// <summary>Reads the discussion of an article page back from its HTML: the nested lists, in document order.</summary>
public static class ThreadReader
{
    public static IReadOnlyList<ShownComment> Read(IDocument page) =>
        page.QuerySelector("#comments ol.comment-list") is { } list ? ReadList(list) : [];

    private static List<ShownComment> ReadList(IElement list) => list.Children
        .Where(li => li.LocalName == "li" && li.ClassList.Contains("comment"))
        .Select(li => new ShownComment(
            int.Parse(li.Id!["comment-".Length..]),
            Own(li, ".comment-number")?.TextContent.Trim(),
            Own(li, ".comment-author")?.TextContent ?? Own(li, ".comment-placeholder")?.TextContent ?? "",
            Own(li, ".comment-text") is { } text ? ReadableText(text) : "",
            Own(li, "time")?.GetAttribute("datetime") ?? "",
            li.Children.FirstOrDefault(c => c.LocalName == "ol" && c.ClassList.Contains("replies")) is { } replies ? ReadList(replies) : []))
        .ToList();

    /// <summary>
    /// The text as a browser lays it out (like innerText): paragraphs apart by a blank line, a line break as a
    /// newline, the source's own newlines as the spaces they render as. Compared with what was typed, byte for byte.
    /// </summary>
    public static string ReadableText(IElement element)
    {
        var paragraphs = element.Children.Where(c => c.LocalName is "p" or "blockquote").ToList();
        if (paragraphs.Count == 0)
        {
            return Inline(element);
        }
        return string.Join("\n\n", paragraphs.Select(Inline));

        static string Inline(INode node) => string.Concat(node.ChildNodes.Select(child => child switch
        {
            IElement { LocalName: "br" } => "\n",
            IText text => text.Data.Replace("\n", " "),
            _ => Inline(child),
        })).Replace(" \n", "\n").Replace("\n ", "\n");
    }

    /// <summary>The first match that belongs to this comment, not to one of its replies.</summary>
    private static IElement? Own(IElement li, string selector) =>
        li.QuerySelectorAll(selector).FirstOrDefault(e => e.Closest("li.comment") == li);
}
