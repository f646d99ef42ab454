using System.Text.RegularExpressions;
using Gazette.Articles;
using Gazette.Data;
using Microsoft.EntityFrameworkCore;
using SlugText = Gazette.Core.Text.Slug;

namespace Gazette.Newsroom;

/// <summary>The editor's checks that need the database or more than an attribute: addresses, tags and pins.</summary>
public sealed partial class ArticleChecks(GazetteDb db, TimeProvider clock)
{
    public const int MaxTags = 20;
    public const int MaxTagLength = 100;

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    private static partial Regex SlugFormat();

    /// <summary>
    /// Why an address cannot be this article's, or null. Another article's current address is taken; so is another
    /// article's former address, which still redirects there: taking it would silently break old links.
    /// </summary>
    public async Task<string?> SlugProblemAsync(string slug, int? articleId, CancellationToken cancellationToken)
    {
        if (slug.Length > SlugText.MaxLength)
        {
            return $"Keep the address to {SlugText.MaxLength} characters or fewer.";
        }
        if (!SlugFormat().IsMatch(slug))
        {
            return "Use only lowercase letters a–z, digits, and single hyphens between words, like “new-phone-reviewed”.";
        }
        var owner = await db.Articles.Where(a => a.Slug == slug && a.Id != articleId).Select(a => a.Title).FirstOrDefaultAsync(cancellationToken);
        if (owner is not null)
        {
            return $"The address /articles/{slug} is taken by “{owner}”. Choose another.";
        }
        var former = await db.SlugRedirects.Where(r => r.OldSlug == slug && r.ArticleId != articleId)
            .Join(db.Articles, r => r.ArticleId, a => a.Id, (r, a) => a.Title)
            .FirstOrDefaultAsync(cancellationToken);
        return former is null
            ? null
            : $"/articles/{slug} was the address of “{former}” and still leads there, so old links keep working. Choose another.";
    }

    /// <summary>Tag names from "a, b, c": trimmed, blanks dropped, each once (by address).</summary>
    public static (List<string> Names, string? Problem) ParseTags(string? text)
    {
        var names = new List<string>();
        var slugs = new HashSet<string>();
        foreach (var raw in (text ?? "").Split(','))
        {
            var name = raw.Trim();
            if (name.Length == 0)
            {
                continue;
            }
            if (name.Length > MaxTagLength)
            {
                return (names, $"Keep each tag to {MaxTagLength} characters or fewer.");
            }
            var slug = SlugText.From(name);
            if (slug.Length == 0)
            {
                return (names, $"The tag “{name}” has no letters or digits to make its address from. Reword it.");
            }
            if (slugs.Add(slug))
            {
                names.Add(name);
            }
        }
        return names.Count > MaxTags ? (names, $"Use {MaxTags} tags or fewer.") : (names, null);
    }

    /// <summary>
    /// The articles pinned by address, in order, with a message for each field that names no published article
    /// (or this one, or one already pinned above). Blank fields are skipped.
    /// </summary>
    public async Task<(List<int> Ids, Dictionary<int, string> Problems)> PinsAsync(
        IReadOnlyList<string?> fields, int? articleId, CancellationToken cancellationToken)
    {
        var slugs = fields.Select(Normalize).ToList();
        var wanted = slugs.OfType<string>().Distinct().ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        var found = await db.Articles.AsNoTracking().Published(now).Where(a => wanted.Contains(a.Slug))
            .ToDictionaryAsync(a => a.Slug, a => a.Id, cancellationToken);
        var ids = new List<int>();
        var problems = new Dictionary<int, string>();
        for (var i = 0; i < slugs.Count; i++)
        {
            if (slugs[i] is not { } slug)
            {
                continue;
            }
            if (!found.TryGetValue(slug, out var id))
            {
                problems[i] = $"No published article has the address “{slug}”.";
            }
            else if (id == articleId)
            {
                problems[i] = "An article cannot be pinned on its own page.";
            }
            else if (ids.Contains(id))
            {
                problems[i] = $"“{slug}” is pinned twice.";
            }
            else
            {
                ids.Add(id);
            }
        }
        return (ids, problems);
    }

    /// <summary>A slug as typed or pasted: "/articles/slug", a full address, or the slug itself.</summary>
    private static string? Normalize(string? field)
    {
        var text = field?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        var at = text.IndexOf("/articles/", StringComparison.OrdinalIgnoreCase);
        if (at >= 0)
        {
            text = text[(at + "/articles/".Length)..];
        }
        return text.Split('?', '#')[0].Trim('/');
    }
}
