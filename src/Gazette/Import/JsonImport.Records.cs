using System.Globalization;
using System.Text.Json;
using Gazette.Accounts;
using Gazette.Administration;
using Gazette.Articles;
using Gazette.Comments;
using Gazette.Core.Import.GazetteJson;
using Gazette.Core.Text;
using Gazette.SitePages;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Import;

/// <summary>The records that need more than their fields copied: accounts, articles, pages, comments, and the saving.</summary>
public sealed partial class JsonImport
{
    private async Task SiteSettingsAsync(JsonElement site, CancellationToken cancellationToken)
    {
        foreach (var saved in site.Items("settings"))
        {
            var key = saved.Text("key");
            var setting = await db.SiteSettings.FirstOrDefaultAsync(s => s.Key == key, cancellationToken);
            if (setting is null)
            {
                db.SiteSettings.Add(new SiteSetting { Key = key, Value = saved.Text("value"), UpdatedAt = saved.Date("updatedAt") });
            }
            else
            {
                setting.Value = saved.Text("value");
                setting.UpdatedAt = saved.Date("updatedAt");
            }
        }
    }

    /// <summary>An account without a password; one whose e-mail or name is here already is that account (the administrator who set the site up).</summary>
    private async Task AccountAsync(JsonElement r, CancellationToken cancellationToken)
    {
        var id = r.Text("id");
        var userName = r.TextOrNull("userName");
        var email = r.TextOrNull("email");
        var normalizedName = userName is null ? null : normalizer.NormalizeName(userName);
        var normalizedEmail = email is null ? null : normalizer.NormalizeEmail(email);
        var existing = await db.Users.AsNoTracking()
            .Where(u => (normalizedEmail != null && u.NormalizedEmail == normalizedEmail) || (normalizedName != null && u.NormalizedUserName == normalizedName))
            .Select(u => u.Id).FirstOrDefaultAsync(cancellationToken);
        var roles = r.Items("roles").Select(role => role.GetString() ?? "").ToList();
        if (existing is not null)
        {
            accountIds[id] = existing;
            var has = await db.UserRoles.Where(ur => ur.UserId == existing).Select(ur => ur.RoleId).ToListAsync(cancellationToken);
            AddRoles(existing, roles.Where(role => roleIds.TryGetValue(role, out var roleId) && !has.Contains(roleId)), id);
            report.Warn("account", id, $"{email ?? userName} has an account here already: what the file says it did is that account's, and its password stays.");
            return;
        }
        var twoFactor = r.Bool("twoFactorEnabled");
        if (twoFactor)
        {
            report.Warn("account", id, "It used two-factor sign-in, whose keys never leave a site: its owner sets it up again.");
        }
        db.Users.Add(new GazetteUser
        {
            Id = id,
            UserName = userName,
            NormalizedUserName = normalizedName,
            Email = email,
            NormalizedEmail = normalizedEmail,
            EmailConfirmed = r.Bool("emailConfirmed"),
            DisplayName = r.Text("displayName"),
            CreatedAt = r.Date("createdAt"),
            PhoneNumber = r.TextOrNull("phoneNumber"),
            PhoneNumberConfirmed = r.Bool("phoneNumberConfirmed"),
            TwoFactorEnabled = false,
            LockoutEnabled = r.Bool("lockoutEnabled"),
            LockoutEnd = r.DateTimeOffsetOrNull("lockoutEnd"),
            AccessFailedCount = r.Int("accessFailedCount"),
            RepliesByMail = r.Bool("repliesByMail"),
            Digest = r.Name<MailDigest>("digest"),
            AvatarPath = r.TryGetProperty("avatarPath", out _) ? r.TextOrNull("avatarPath") : null,
            // No password: the owner sets one through "Forgot your password?". A fresh stamp, as Identity gives every account.
            SecurityStamp = Guid.NewGuid().ToString("N").ToUpperInvariant(),
            ConcurrencyStamp = Guid.NewGuid().ToString(),
        });
        accountIds[id] = id;
        AddRoles(id, roles, id);
    }

    private void AddRoles(string userId, IEnumerable<string> roles, string sourceId)
    {
        foreach (var role in roles)
        {
            if (roleIds.TryGetValue(role, out var roleId))
            {
                db.UserRoles.Add(new IdentityUserRole<string> { UserId = userId, RoleId = roleId });
            }
            else
            {
                report.Warn("account", sourceId, $"Its role \"{role}\" does not exist in this Gazette and was left out.");
            }
        }
    }

    /// <summary>An account's id here: its own, or the account here it turned out to be.</summary>
    private string? Account(string? id) => id is null ? null : accountIds.GetValueOrDefault(id, id);

    /// <summary>A voter's or flagger's key ("u:{account id}" or "g:{hash}") with the account's id here.</summary>
    private string VoterKey(string key) => key.StartsWith("u:", StringComparison.Ordinal) ? "u:" + Account(key[2..]) : key;

    private void Article(JsonElement r)
    {
        var markdown = r.Text("bodyMarkdown");
        var article = new Article
        {
            Id = r.Int("id"),
            Slug = r.Text("slug"),
            Title = r.Text("title"),
            Status = r.Name<ArticleStatus>("status"),
            CreatedAt = r.Date("createdAt"),
            PublishedAt = r.Date("publishedAt"),
            UpdatedAt = r.Date("updatedAt"),
            AuthorId = r.Int("authorId"),
            CategoryId = r.IntOrNull("categoryId"),
            Excerpt = r.Text("excerpt"),
            BodyMarkdown = markdown,
            // Made again as the newsroom makes them, never taken from a file.
            BodyHtml = ArticleMarkdown.ToHtml(markdown),
            BodyText = ArticleMarkdown.ToPlainText(markdown),
            CommentsClosed = r.Bool("commentsClosed"),
            SourceId = r.TextOrNull("sourceId"),
            Source = r.TryGetProperty("source", out _) ? r.TextOrNull("source") : null,
            IsDemo = r.TryGetProperty("isDemo", out _) && r.Bool("isDemo"),
            TrashedFrom = r.TryGetProperty("trashedFrom", out var trashedFrom) && trashedFrom.ValueKind != JsonValueKind.Null ? r.Name<ArticleStatus>("trashedFrom") : null,
            TrashedAt = r.TryGetProperty("trashedAt", out var trashedAt) && trashedAt.ValueKind != JsonValueKind.Null ? r.Date("trashedAt") : null,
        };
        // Older exports have neither: the article's author is then its one byline, and it has no notes.
        if (r.TryGetProperty("bylineIds", out _))
        {
            foreach (var (byline, position) in r.Items("bylineIds").Select((b, i) => (b, i)))
            {
                article.Bylines.Add(new ArticleByline
                {
                    Position = position,
                    AuthorId = byline.TryGetInt32(out var authorId) ? authorId : throw new GazetteJsonException("Its \"bylineIds\" are not whole numbers."),
                });
            }
        }
        if (r.TryGetProperty("notes", out _))
        {
            foreach (var note in r.Items("notes"))
            {
                // Older exports numbered no notes: they are numbered here.
                var noteId = note.TryGetProperty("id", out _) ? note.Int("id") : 0;
                article.Notes.Add(new ArticleNote { Id = noteId, Kind = note.Name<ArticleNoteKind>("kind"), Text = note.Text("text"), At = note.Date("at") });
            }
        }
        if (r.ObjectOrNull("image") is { } image)
        {
            article.Image = new FeaturedImage { Path = image.Text("path"), Alt = image.Text("alt"), Width = image.Int("width"), Height = image.Int("height"), Kind = KindOf(image) };
        }
        foreach (var tag in r.Items("tagIds"))
        {
            article.Tags.Add(db.TagStub(tag.TryGetInt32(out var tagId) ? tagId : throw new GazetteJsonException("Its \"tagIds\" are not whole numbers.")));
        }
        db.Articles.Add(article);
        articleIds.Add(article.Id);
    }

    /// <summary>The kind a featured image's renditions are stored in; exports from before there were kinds hold JPEGs only.</summary>
    private static Core.Media.ImageKind KindOf(JsonElement image) =>
        image.TryGetProperty("kind", out _) ? image.Name<Core.Media.ImageKind>("kind") : Core.Media.ImageKind.Jpeg;

    private void ArticleRevision(JsonElement r)
    {
        var image = r.ObjectOrNull("image");
        db.ArticleRevisions.Add(new ArticleRevision
        {
            Id = r.Int("id"),
            ArticleId = KnownArticle(r.Int("articleId")),
            SavedAt = r.Date("savedAt"),
            SavedByUserId = Account(r.TextOrNull("savedByUserId")),
            SavedByName = r.Text("savedByName"),
            Note = r.Text("note"),
            Title = r.Text("title"),
            Slug = r.Text("slug"),
            Excerpt = r.Text("excerpt"),
            BodyMarkdown = r.Text("bodyMarkdown"),
            ImagePath = image?.Text("path"),
            ImageAlt = image?.Text("alt"),
            ImageWidth = image?.Int("width") ?? 0,
            ImageHeight = image?.Int("height") ?? 0,
            ImageKind = image is { } stored ? KindOf(stored) : default,
            AuthorId = r.Int("authorId"),
            CategoryId = r.IntOrNull("categoryId"),
            TagNames = string.Join("\n", r.Items("tagNames").Select(t => t.GetString())),
            Status = r.Name<ArticleStatus>("status"),
            PublishedAt = r.Date("publishedAt"),
        });
    }

    private int KnownArticle(int id) => articleIds.Contains(id) ? id : throw new GazetteJsonException($"Its article {id} is not in the file.");

    private int KnownComment(int id) => placedComments.ContainsKey(id) ? id : throw new GazetteJsonException($"Its comment {id} is not in the file.");

    private void Page(JsonElement r)
    {
        var markdown = r.Text("bodyMarkdown");
        db.SitePages.Add(new SitePage
        {
            Id = r.Int("id"),
            Slug = r.Text("slug"),
            Title = r.Text("title"),
            BodyMarkdown = markdown,
            BodyHtml = ArticleMarkdown.ToHtml(markdown),
            Published = r.Bool("published"),
            InFooter = r.Bool("inFooter"),
            FooterOrder = r.Int("footerOrder"),
            CreatedAt = r.Date("createdAt"),
            UpdatedAt = r.Date("updatedAt"),
            Source = r.TextOrNull("source"),
            SourceId = r.TextOrNull("sourceId"),
        });
    }

    /// <summary>
    /// A comment with its status and dates as they were; its place in the thread and its HTML made by
    /// <see cref="CommentLifecycle"/>. A reply whose parent comes later in the file (an import's placeholder has a
    /// higher id than the replies under it) waits for it.
    /// </summary>
    private void Comment(JsonElement r)
    {
        var createdAt = r.Date("createdAt");
        var comment = new Comment
        {
            Id = r.Int("id"),
            ArticleId = KnownArticle(r.Int("articleId")),
            Status = r.Name<CommentStatus>("status"),
            CreatedAt = createdAt,
            EditedAt = r.DateOrNull("editedAt"),
            AuthorName = r.TextOrNull("authorName"),
            AuthorEmail = r.TextOrNull("authorEmail"),
            AuthorUrl = r.TryGetProperty("authorUrl", out _) ? r.TextOrNull("authorUrl") : null,
            Kind = r.TryGetProperty("kind", out _) ? r.Name<CommentKind>("kind") : CommentKind.Comment,
            UserId = Account(r.TextOrNull("userId")),
            Upvotes = r.Int("upvotes"),
            Downvotes = r.Int("downvotes"),
            Rank = r.Double("rank"),
            GuestKeyHash = r.TextOrNull("guestKeyHash"),
            IpHash = r.TextOrNull("ipHash"),
            SourceId = r.TextOrNull("sourceId"),
            Source = r.TryGetProperty("source", out _) ? r.TextOrNull("source") : null,
            ModerationReasons = r.TextOrNull("moderationReasons"),
            SpamScore = r.Double("spamScore"),
            ModeratedAt = r.DateOrNull("moderatedAt"),
            ModeratedBy = r.TextOrNull("moderatedBy"),
            // An export older than these fields: nobody is mailed again about what was said before the move.
            NotifiedAt = r.TryGetProperty("notifiedAt", out _) ? r.DateOrNull("notifiedAt") : createdAt,
            NotifyReplies = r.TryGetProperty("notifyReplies", out _) && r.Bool("notifyReplies"),
        };
        CommentLifecycle.SetBody(comment, r.Text("body"));
        if (r.TryGetProperty("featuredAt", out _) && r.DateOrNull("featuredAt") is { } featuredAt)
        {
            comment.RestorePick(featuredAt, r.TextOrNull("featuredBy"), r.TextOrNull("featuredNote"));
        }
        if (r.IntOrNull("parentId") is not { } parentId)
        {
            CommentLifecycle.Place(comment, null, null, 0);
            AddComment(comment);
        }
        else if (placedComments.ContainsKey(parentId))
        {
            AddComment(comment, parentId);
        }
        else
        {
            comment.ParentId = parentId;
            (waitingForParent.TryGetValue(parentId, out var replies) ? replies : waitingForParent[parentId] = []).Add(comment);
        }
    }

    private void AddComment(Comment comment, int? parentId = null)
    {
        var queue = new Queue<(Comment Comment, int? ParentId)>([(comment, parentId)]);
        while (queue.TryDequeue(out var next))
        {
            if (next.ParentId is { } parent)
            {
                var (rootId, depth) = placedComments[parent];
                CommentLifecycle.Place(next.Comment, parent, rootId, depth);
            }
            db.Comments.Add(next.Comment);
            placedComments[next.Comment.Id] = (next.Comment.RootId, next.Comment.Depth);
            if (waitingForParent.Remove(next.Comment.Id, out var replies))
            {
                foreach (var reply in replies)
                {
                    queue.Enqueue((reply, next.Comment.Id));
                }
            }
        }
    }

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        pending = 0;
    }

    /// <summary>PostgreSQL's identity sequences go on above the ids the file brought (SQLite's do by themselves).</summary>
    private async Task KeepIdentitiesAboveAsync(CancellationToken cancellationToken)
    {
        if (!db.Database.IsNpgsql())
        {
            return;
        }
        foreach (var entity in db.Model.GetEntityTypes().Where(e => !e.IsOwned() && e.GetTableName() is not null))
        {
            if (entity.FindPrimaryKey()?.Properties is [var key] && (key.ClrType == typeof(int) || key.ClrType == typeof(long))
                && key.ValueGenerated == Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.OnAdd)
            {
                var column = key.GetColumnName();
                var table = entity.GetTableName()!;
#pragma warning disable EF1002 // names from the model, not from input
                await db.Database.ExecuteSqlRawAsync(
                    $"""SELECT setval(pg_get_serial_sequence('"{table}"', '{column}'), GREATEST((SELECT COALESCE(MAX("{column}"), 0) FROM "{table}"), 1))""",
                    cancellationToken);
#pragma warning restore EF1002
            }
        }
    }
}
