using Gazette.Core.Text;
using Gazette.SitePages;
using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Export;

/// <summary>Standalone pages as the newsroom makes them: published in the footer, a draft, one imported from WordPress, one of hostile text.</summary>
public static class StandalonePages
{
    public static Task SeedAsync(GazetteFactory site) => site.WithDbAsync(async db =>
    {
        var at = GazetteFactory.Now.UtcDateTime.AddDays(-3).AddMilliseconds(250);
        SitePage Page(string slug, string title, string markdown, bool published, bool inFooter, int order, int days) => new()
        {
            Slug = slug,
            Title = title,
            BodyMarkdown = markdown,
            BodyHtml = ArticleMarkdown.ToHtml(markdown),
            Published = published,
            InFooter = inFooter,
            FooterOrder = order,
            CreatedAt = at.AddDays(days),
            UpdatedAt = at.AddDays(days).AddHours(1),
        };
        var hostile = HostileSite.Strings.Where(s => s.Length > 0).Take(40).ToList();
        db.SitePages.AddRange(
            Page("about", "About us", "We are a **small** newsroom.\n\n<div class=\"note\">Since 1990 & still going</div>", true, true, 1, 0),
            Page("contact", "Contact", "Write to [the desk](mailto:desk@example.org).", true, true, 2, 1),
            Page("policy-draft", "Comment policy (draft)", "Be kind.", false, false, 0, 2),
            Page("hostile", "A page of naughty strings", string.Join("\n\n", hostile), true, false, 3, 2));
        var imported = Page("old-about", "Old about", "<p>From WordPress</p>", true, false, 0, -400);
        imported.Source = "wordpress";
        imported.SourceId = "12";
        db.SitePages.Add(imported);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    });
}
