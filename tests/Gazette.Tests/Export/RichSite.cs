using Gazette.Accounts;
using Gazette.Administration;
using Gazette.Articles;
using Gazette.Comments;
using Gazette.Mail;
using Gazette.Moderation;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Export;

/// <summary>
/// Everything a Gazette site can hold, on top of the demo: the hostile text (<see cref="HostileSite"/>), standalone
/// pages, accounts with roles, a member's comment, votes, flags, an appeal, bans, moderation decisions, revisions of an
/// article and of a comment, an old slug, pins, reads, a saved setting, a mail suppression, an article in the trash.
/// </summary>
public static class RichSite
{
    /// <summary>Returns the slug of the demo article with the most comments, where the moderation happened.</summary>
    public static async Task<string> SeedAsync(GazetteFactory site)
    {
        var cancellation = TestContext.Current.CancellationToken;
        await HostileSite.SeedAsync(site);
        await StandalonePages.SeedAsync(site);
        var reader = await site.EnsureUserAsync("reader@example.org", "A reader");
        var moderator = await site.EnsureUserAsync("moderator@example.org", "The moderator", Roles.Moderator);
        var now = GazetteFactory.Now.UtcDateTime;
        var slug = await site.WithDbAsync(async db =>
        {
            var busiest = await db.Articles.Where(a => a.IsDemo).OrderByDescending(a => db.Comments.Count(c => c.ArticleId == a.Id)).ThenBy(a => a.Id)
                .FirstAsync(cancellation);
            var other = await db.Articles.Where(a => a.IsDemo && a.Id != busiest.Id).OrderBy(a => a.Id).FirstAsync(cancellation);
            var comments = await db.Comments.Where(c => c.ArticleId == busiest.Id && c.Status == CommentStatus.Approved).OrderBy(c => c.Id).Take(4).ToListAsync(cancellation);
            var (first, second, third) = (comments[0], comments[1], comments[2]);

            var member = new Comment
            {
                ArticleId = busiest.Id,
                AuthorName = "A reader",
                UserId = reader.Id,
                Status = CommentStatus.Approved,
                CreatedAt = now.AddMinutes(-30),
                EditedAt = now.AddMinutes(-25),
                NotifyReplies = true,
                NotifiedAt = now.AddMinutes(-29),
                IpHash = "ip-hash-1",
                Rank = 1.25,
            };
            CommentLifecycle.Place(member, first);
            CommentLifecycle.SetBody(member, "I *agree*, with <b>reservations</b> & a [link](https://example.org).");
            db.Comments.Add(member);
            var ping = new Comment
            {
                ArticleId = busiest.Id,
                AuthorName = "Another Blog",
                AuthorUrl = "https://another.example/2026/03/on-this/",
                Kind = CommentKind.Pingback,
                Status = CommentStatus.Approved,
                CreatedAt = now.AddMinutes(-28),
                NotifiedAt = now.AddMinutes(-28),
                Source = "wordpress",
                SourceId = "9001",
            };
            CommentLifecycle.Place(ping, null);
            CommentLifecycle.SetBody(ping, "[…] as the story says […]");
            db.Comments.Add(ping);
            await db.SaveChangesAsync(cancellation);
            db.CommentRevisions.Add(new CommentRevision { CommentId = member.Id, Body = "I agree.", ReplacedAt = now.AddMinutes(-25) });

            db.CommentVotes.AddRange(
                new CommentVote { CommentId = first.Id, VoterKey = $"u:{reader.Id}", Value = 1, CastAt = now.AddMinutes(-20), IpHash = "ip-hash-1" },
                new CommentVote { CommentId = first.Id, VoterKey = "g:guest-hash", Value = -1, CastAt = now.AddMinutes(-19) });
            first.Upvotes = 1;
            first.Downvotes = 1;
            db.CommentFlags.AddRange(
                new CommentFlag { CommentId = second.Id, ReaderKey = $"u:{reader.Id}", Reason = FlagReason.OffTopic, Note = "not about the story", CreatedAt = now.AddMinutes(-18) },
                new CommentFlag { CommentId = third.Id, ReaderKey = "g:guest-hash", Reason = FlagReason.Spam, CreatedAt = now.AddMinutes(-17), ResolvedAt = now.AddMinutes(-10) });
            third.Status = CommentStatus.Spam;
            third.ModeratedAt = now.AddMinutes(-10);
            third.ModeratedBy = "The moderator";
            third.ModerationReasons = "flags";
            third.SpamScore = 0.75;
            db.ModerationLog.Add(new ModerationLogEntry
            {
                At = now.AddMinutes(-10),
                ActorId = moderator.Id,
                ActorName = "The moderator",
                Action = "spam",
                CommentId = third.Id,
                Before = "approved",
                After = "spam",
                Note = "a link farm",
            });
            db.Appeals.Add(new Appeal
            {
                CommentId = third.Id,
                Text = "It was not spam.",
                CreatedAt = now.AddMinutes(-8),
                Status = AppealStatus.Rejected,
                ResolvedAt = now.AddMinutes(-5),
                ResolvedByName = "The moderator",
                ResolutionNote = "It was.",
            });
            var ban = new Ban { Kind = BanKind.Email, Value = "spammer@example.org", Reason = "spam", Shadow = true, CreatedAt = now.AddMinutes(-5), CreatedById = moderator.Id, CreatedByName = "The moderator", Label = "spammer@…" };
            db.Bans.Add(ban);
            db.Bans.Add(new Ban { Kind = BanKind.Account, Value = reader.Id, Reason = "a cooling-off day", CreatedAt = now.AddMinutes(-4), ExpiresAt = now.AddDays(1), LiftedAt = now.AddMinutes(-1), CreatedByName = "The moderator" });
            await db.SaveChangesAsync(cancellation);
            db.ModerationLog.Add(new ModerationLogEntry { At = now.AddMinutes(-5), ActorId = moderator.Id, ActorName = "The moderator", Action = "ban", BanId = ban.Id });

            db.ArticleRevisions.Add(new ArticleRevision
            {
                ArticleId = busiest.Id,
                SavedAt = now.AddDays(-1),
                SavedByUserId = moderator.Id,
                SavedByName = "The moderator",
                Note = "typo",
                Title = "An older title",
                Slug = busiest.Slug + "-was",
                Excerpt = "Before",
                BodyMarkdown = "Before the *edit*.",
                AuthorId = busiest.AuthorId,
                CategoryId = busiest.CategoryId,
                TagNames = "one\ntwo",
                Status = ArticleStatus.Published,
                PublishedAt = busiest.PublishedAt,
            });
            db.SlugRedirects.Add(new SlugRedirect { ArticleId = busiest.Id, OldSlug = busiest.Slug + "-was", CreatedAt = now.AddDays(-1) });
            db.ArticlePins.Add(new ArticlePin { ArticleId = busiest.Id, Kind = PinKind.Related, Position = 0, PinnedArticleId = other.Id });
            db.ArticleReadDays.Add(new ArticleReadDay { ArticleId = busiest.Id, Day = DateOnly.FromDateTime(now), Reads = 42 });
            db.SiteSettings.Add(new SiteSetting { Key = "Site:Tagline", Value = "Rich & hostile", UpdatedAt = now.AddDays(-2) });
            db.MailSuppressions.Add(MailSuppression.For("gone@example.org", null, now.AddDays(-3)));
            var trashed = await db.Articles.Where(a => a.Slug == "hostile-1").FirstAsync(cancellation);
            trashed.TrashedFrom = trashed.Status;
            trashed.Status = ArticleStatus.Trashed;
            await db.SaveChangesAsync(cancellation);
            return busiest.Slug;
        });
        await SiteMadeByTheNewsroom.RenderAsync(site);
        await site.Services.GetRequiredService<SiteSettingsStore>().LoadAsync(cancellation);
        return slug;
    }
}
