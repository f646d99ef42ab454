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
/// article and of a comment, an old slug, pins, reads, a saved setting, a mail suppression, an article in the trash, editors'
/// picks, a correction, the media library, an avatar, autosaved drafts, and readers' mail choices.
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
                ImagePath = "uploads/5d6e7f80",
                ImageAlt = "The picture it had then",
                ImageWidth = 1200,
                ImageHeight = 800,
                ImageKind = Gazette.Core.Media.ImageKind.Png,
                AuthorId = busiest.AuthorId,
                CategoryId = busiest.CategoryId,
                TagNames = "one\ntwo",
                Status = ArticleStatus.Published,
                PublishedAt = busiest.PublishedAt,
            });
            db.OldAddresses.Add(new Gazette.Import.OldAddress { ArticleId = busiest.Id, Path = "/2019/03/04/the-story-as-it-was/" });
            db.SlugRedirects.Add(new SlugRedirect { ArticleId = busiest.Id, OldSlug = busiest.Slug + "-was", CreatedAt = now.AddDays(-1) });
            db.ArticlePins.Add(new ArticlePin { ArticleId = busiest.Id, Kind = PinKind.Related, Position = 0, PinnedArticleId = other.Id });
            db.ArticleReadDays.Add(new ArticleReadDay { ArticleId = busiest.Id, Day = DateOnly.FromDateTime(now), Reads = 42 });
            db.SiteSettings.Add(new SiteSetting { Key = "Site:Tagline", Value = "Rich & hostile", UpdatedAt = now.AddDays(-2) });
            db.MailSuppressions.Add(MailSuppression.For("gone@example.org", null, now.AddDays(-3)));
            // Added since the export was first written (issue 13, "Lossless export"): each with values other than the defaults.
            Assert.True(second.Feature("The moderator", now.AddMinutes(-7), "The best summary of the thread"));
            Assert.True(first.Feature("The editor", now.AddMinutes(-6), null));
            db.ArticleNotes.Add(new ArticleNote { ArticleId = busiest.Id, Kind = ArticleNoteKind.Correction, Text = "An earlier version misnamed the mayor.", At = now.AddHours(-3) });
            db.LibraryImages.AddRange(
                new Gazette.Media.LibraryImage { Path = "uploads/0a1b2c3d", Width = 1600, Height = 900, Kind = Gazette.Core.Media.ImageKind.Png, FileName = "chart \"final\".png", Alt = "A chart & its <axes>", UploadedAt = now.AddDays(-2), UploadedByUserId = moderator.Id },
                new Gazette.Media.LibraryImage { Path = "uploads/4e5f6a7b", Width = 800, Height = 600, Kind = Gazette.Core.Media.ImageKind.Jpeg, FileName = "photo.jpg", Alt = "", UploadedAt = now.AddDays(-1) });
            var readerAccount = await db.Users.FirstAsync(u => u.Id == reader.Id, cancellation);
            readerAccount.AvatarPath = "avatars/9c8b7a6f.jpg";
            db.EditorDrafts.AddRange(
                new Gazette.Newsroom.EditorDraft { UserId = moderator.Id, Key = Gazette.Newsroom.EditorDraft.KeyOf(busiest.Id), ArticleId = busiest.Id, SavedAt = now.AddMinutes(-3), Title = "A better title", Slug = busiest.Slug, Excerpt = "Typed, not saved", BodyMarkdown = "Half a *sentence* \"quoted\",\u2028 a line separator and 🦜" },
                new Gazette.Newsroom.EditorDraft { UserId = moderator.Id, Key = Gazette.Newsroom.EditorDraft.KeyOfNew("client-key-12345"), SavedAt = now.AddMinutes(-2), Title = "Never saved", Excerpt = "", BodyMarkdown = "The start of a story" });
            db.Set<Gazette.Notifications.NotifyAddress>().AddRange(
                new Gazette.Notifications.NotifyAddress { Address = "guest@example.org", ConfirmedAt = now.AddDays(-5), ConfirmationSentAt = now.AddDays(-6) },
                new Gazette.Notifications.NotifyAddress { Address = "unsure@example.org", ConfirmationSentAt = now.AddHours(-1) });
            db.Set<Gazette.Notifications.DiscussionFollow>().AddRange(
                new Gazette.Notifications.DiscussionFollow { ArticleId = busiest.Id, UserId = reader.Id, CreatedAt = now.AddDays(-4), LastCommentId = third.Id, LastMailedAt = now.AddHours(-2) },
                new Gazette.Notifications.DiscussionFollow { ArticleId = busiest.Id, Address = "guest@example.org", CreatedAt = now.AddDays(-5), LastCommentId = first.Id });
            db.Set<Gazette.Notifications.NotifyMember>().Add(new Gazette.Notifications.NotifyMember
            {
                UserId = moderator.Id,
                FeedToken = "feed-token-secret",
                NewComments = true,
                QueueAlerts = true,
                Appeals = true,
                LastDigestAt = now.AddDays(-1),
                DigestCommentId = second.Id,
            });
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
