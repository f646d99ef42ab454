using Gazette.Accounts;
using Gazette.Comments;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Gazette.Tests.Infrastructure.SiteData;

namespace Gazette.Tests.Identity;

/// <summary>
/// "Open story", written by staff member Ana Writer (her account's byline), with a comment from her, an editor, a moderator,
/// a member and a guest; "Other story" under a byline with no account (Carl Columnist). Tests that write make their own
/// comments and accounts, so they do not depend on each other.
/// </summary>
public sealed class IdentitySite : EmptyGazetteFactory, IAsyncLifetime
{
    public const string Open = "/articles/open-story";
    public const string GuestKey = "guest-key-hash-of-gus";

    public string AnaId { get; private set; } = "";
    public string EddieId { get; private set; } = "";
    public string MoId { get; private set; } = "";
    public string MiaId { get; private set; } = "";

    /// <summary>Each seeded comment by its writer's name.</summary>
    public Dictionary<string, int> CommentOf { get; } = [];

    public async ValueTask InitializeAsync()
    {
        AnaId = (await this.EnsureUserAsync("ana@example.org", "Ana Writer", Roles.Author)).Id;
        EddieId = (await this.EnsureUserAsync("eddie@example.org", "Eddie Editor", Roles.Editor)).Id;
        MoId = (await this.EnsureUserAsync("mo@example.org", "Mo Moderator", Roles.Moderator)).Id;
        MiaId = (await this.EnsureUserAsync("mia@example.org", "Mia Member")).Id;
        await WithDbAsync(async db =>
        {
            var at = Now.UtcDateTime.AddDays(-1);
            var ana = Author("Ana Writer");
            ana.UserId = AnaId;
            var open = Article("Open story", at, ana);
            var other = Article("Other story", at.AddHours(-1), Author("Carl Columnist"));
            db.AddRange(open, other);
            await db.SaveChangesAsync();
            var comments = new List<(string Name, Comment Comment)>();
            foreach (var (name, userId) in new[] { ("Ana Writer", AnaId), ("Eddie Editor", EddieId), ("Mo Moderator", MoId), ("Mia Member", MiaId) })
            {
                var comment = Comment(open, name, $"{name} speaking.", at.AddMinutes(comments.Count + 1));
                comment.UserId = userId;
                comments.Add((name, comment));
            }
            var guest = Comment(open, "Gus Guest", "A guest speaking.", at.AddMinutes(10));
            guest.GuestKeyHash = GuestKey;
            comments.Add(("Gus Guest", guest));
            // Mia's comments that are not public: none may show on her page.
            foreach (var status in new[] { CommentStatus.Pending, CommentStatus.Spam, CommentStatus.Trashed, CommentStatus.Deleted })
            {
                var hidden = Comment(other, "Mia Member", $"Not public: {status}.", at.AddMinutes(20), status: status);
                hidden.UserId = MiaId;
                comments.Add(($"Mia {status}", hidden));
            }
            var draft = Article("Draft story", at, Author("Ana Draft"), status: Gazette.Articles.ArticleStatus.Draft);
            db.Add(draft);
            await db.SaveChangesAsync();
            var onDraft = Comment(draft, "Mia Member", "Not public: on a draft.", at.AddMinutes(30));
            onDraft.UserId = MiaId;
            comments.Add(("Mia on a draft", onDraft));
            db.AddRange(comments.Select(c => c.Comment));
            open.CommentCount = 5;
            await db.SaveChangesAsync();
            foreach (var (name, comment) in comments)
            {
                CommentOf[name] = comment.Id;
            }
        });
    }

    public FormClient Browser() => new(this);

    public ApiClient Script() => new(this, "203.0.113.9");
}
