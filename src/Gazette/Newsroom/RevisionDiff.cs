using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Gazette.Articles;

namespace Gazette.Newsroom;

public enum LineChange
{
    Same,
    Removed,
    Added,
}

public sealed record DiffLine(LineChange Change, string Text);

/// <summary>One field of two revisions compared line by line; <see cref="Changed"/> is false when they are equal.</summary>
public sealed record FieldDiff(string Field, IReadOnlyList<DiffLine> Lines)
{
    public bool Changed => Lines.Any(l => l.Change != LineChange.Same);
}

/// <summary>Two revisions compared field by field, as lines removed and added (DiffPlex's line diff).</summary>
public static class RevisionDiff
{
    public static IReadOnlyList<FieldDiff> Compare(ArticleRevision from, ArticleRevision to) =>
    [
        Lines("Title", from.Title, to.Title),
        Lines("Address", from.Slug, to.Slug),
        Lines("Excerpt", from.Excerpt, to.Excerpt),
        Lines("Body", from.BodyMarkdown, to.BodyMarkdown),
        Lines("Tags", from.TagNames, to.TagNames),
        Lines("Image", ImageText(from), ImageText(to)),
    ];

    public static FieldDiff Lines(string field, string before, string after)
    {
        var model = InlineDiffBuilder.Diff(before, after, ignoreWhiteSpace: false, ignoreCase: false);
        var lines = model.Lines
            .Where(line => line.Type != ChangeType.Imaginary)
            .Select(line => new DiffLine(line.Type switch
            {
                ChangeType.Deleted => LineChange.Removed,
                ChangeType.Inserted => LineChange.Added,
                _ => LineChange.Same,
            }, line.Text ?? ""))
            .ToList();
        return new FieldDiff(field, lines);
    }

    private static string ImageText(ArticleRevision revision) =>
        revision.ImagePath is null ? "" : $"{revision.ImagePath}\n{revision.ImageAlt}";
}
