using System.Text.Encodings.Web;
using System.Text.Json;
using Gazette.Accounts;
using Gazette.Core.Export;
using Gazette.Data;
using Gazette.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Export;

/// <summary>
/// <c>export json</c>: everything the site holds, one array per kind of record with their ids, as docs/export.schema.json
/// describes. Left out on purpose, each with its reason, is what <see cref="LeftOut"/> names: secrets (password hashes,
/// security stamps, sessions, two-factor keys, feed tokens, the mail outbox), what is made again from the rest, and the
/// moment's state of a running site (live events, editor presence, mail rate limits, read counts in memory). Each table is read as a stream,
/// in id order, and written as it comes; the writer sends its buffer on every 64 kB, so memory does not grow with the
/// site. Text is written as stored, every character escaped as JSON needs, except a lone surrogate (no character,
/// which JSON cannot carry as UTF-8): U+FFFD (<see cref="JsonText"/>).
/// </summary>
public sealed partial class JsonExport(GazetteDb db, IServiceScopeFactory scopes, IOptionsMonitor<SiteOptions> site, TimeProvider clock)
{
    public const int FormatVersion = 1;
    public const string SchemaId = "https://gazette.example/schemas/export-1.json";

    public async Task WriteAsync(Stream output, CancellationToken cancellation = default)
    {
        await using var json = new Utf8JsonWriter(output, new JsonWriterOptions
        {
            // Names and text in any script as characters; JSON's own escapes (quotes, controls, NUL) are kept.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            SkipValidation = false,
        });
        var w = new JsonRecordWriter(json, cancellation);
        json.WriteStartObject();
        json.WriteString("$schema", SchemaId);
        json.WriteString("format", "gazette-export");
        json.WriteNumber("version", FormatVersion);
        json.WriteString("exportedAt", clock.GetUtcNow().UtcDateTime);
        await WriteSiteAsync(w);
        // Accounts before what names them, so that an import reads the file in one pass.
        await WriteAccountsAsync(w);
        await w.ArrayAsync("authors", db.Authors.OrderBy(a => a.Id), (a, w) =>
        {
            w.Number("id", a.Id);
            w.Text("slug", a.Slug);
            w.Text("name", a.Name);
            w.Text("bio", a.Bio);
            w.Text("userId", a.UserId);
        });
        await w.ArrayAsync("categories", db.Categories.OrderBy(c => c.Id), (c, w) =>
        {
            w.Number("id", c.Id);
            w.Text("slug", c.Slug);
            w.Text("name", c.Name);
            w.Text("description", c.Description);
        });
        await w.ArrayAsync("tags", db.Tags.OrderBy(t => t.Id), (t, w) =>
        {
            w.Number("id", t.Id);
            w.Text("slug", t.Slug);
            w.Text("name", t.Name);
        });
        await WriteArticlesAsync(w);
        await w.ArrayAsync("articleRevisions", db.ArticleRevisions.OrderBy(r => r.Id), (r, w) =>
        {
            w.Number("id", r.Id);
            w.Number("articleId", r.ArticleId);
            w.Date("savedAt", r.SavedAt);
            w.Text("savedByUserId", r.SavedByUserId);
            w.Text("savedByName", r.SavedByName);
            w.Text("note", r.Note);
            w.Text("title", r.Title);
            w.Text("slug", r.Slug);
            w.Text("excerpt", r.Excerpt);
            w.Text("bodyMarkdown", r.BodyMarkdown);
            if (r.ImagePath is null)
            {
                w.Json.WriteNull("image");
            }
            else
            {
                w.Json.WriteStartObject("image");
                w.Text("path", r.ImagePath);
                w.Text("alt", r.ImageAlt);
                w.Number("width", r.ImageWidth);
                w.Number("height", r.ImageHeight);
                w.Text("kind", r.ImageKind.ToString());
                w.Json.WriteEndObject();
            }
            w.Number("authorId", r.AuthorId);
            w.Number("categoryId", r.CategoryId);
            w.Json.WriteStartArray("tagNames");
            foreach (var name in r.TagNames.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                w.Json.WriteStringValue(JsonText.Clean(name));
            }
            w.Json.WriteEndArray();
            w.Name("status", r.Status);
            w.Date("publishedAt", r.PublishedAt);
        });
        await w.ArrayAsync("slugRedirects", db.SlugRedirects.OrderBy(r => r.Id), (r, w) =>
        {
            w.Number("id", r.Id);
            w.Number("articleId", r.ArticleId);
            w.Text("oldSlug", r.OldSlug);
            w.Date("createdAt", r.CreatedAt);
        });
        await w.ArrayAsync("oldAddresses", db.OldAddresses.OrderBy(a => a.Id), (a, w) =>
        {
            w.Number("id", a.Id);
            w.Number("articleId", a.ArticleId);
            w.Text("path", a.Path);
        });
        await w.ArrayAsync("articlePins", db.ArticlePins.OrderBy(p => p.ArticleId).ThenBy(p => p.Kind).ThenBy(p => p.Position), (p, w) =>
        {
            w.Number("articleId", p.ArticleId);
            w.Name("kind", p.Kind);
            w.Number("position", p.Position);
            w.Number("pinnedArticleId", p.PinnedArticleId);
        });
        await w.ArrayAsync("articleReadDays", db.ArticleReadDays.OrderBy(r => r.ArticleId).ThenBy(r => r.Day), (r, w) =>
        {
            w.Number("articleId", r.ArticleId);
            w.Json.WriteString("day", r.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            w.Number("reads", r.Reads);
        });
        await w.ArrayAsync("pages", db.SitePages.OrderBy(p => p.Id), (p, w) =>
        {
            w.Number("id", p.Id);
            w.Text("slug", p.Slug);
            w.Text("title", p.Title);
            w.Text("bodyMarkdown", p.BodyMarkdown);
            w.Text("bodyHtml", p.BodyHtml);
            w.Json.WriteBoolean("published", p.Published);
            w.Json.WriteBoolean("inFooter", p.InFooter);
            w.Number("footerOrder", p.FooterOrder);
            w.Date("createdAt", p.CreatedAt);
            w.Date("updatedAt", p.UpdatedAt);
            w.Text("source", p.Source);
            w.Text("sourceId", p.SourceId);
        });
        await WriteCommentsAsync(w);
        await WriteModerationAsync(w);
        await w.ArrayAsync("mailSuppressions", db.MailSuppressions.OrderBy(s => s.Address).ThenBy(s => s.List), (s, w) =>
        {
            w.Text("address", s.Address);
            w.Text("list", s.List);
            w.Date("createdAt", s.CreatedAt);
        });
        await WriteMediaAndDraftsAsync(w);
        await WriteMailChoicesAsync(w);
        json.WriteEndObject();
        await json.FlushAsync(cancellation);
    }

    private async Task WriteSiteAsync(JsonRecordWriter w)
    {
        var options = site.CurrentValue;
        w.Json.WriteStartObject("site");
        w.Text("name", options.Name);
        w.Text("tagline", options.Tagline);
        w.Text("description", options.Description);
        w.Text("baseUrl", options.BaseUrl);
        w.Text("timeZone", options.TimeZone);
        w.Text("language", options.Language);
        await w.ArrayAsync("settings", db.SiteSettings.OrderBy(s => s.Key), (s, w) =>
        {
            w.Text("key", s.Key);
            w.Text("value", s.Value);
            w.Date("updatedAt", s.UpdatedAt);
        });
        w.Json.WriteEndObject();
    }

    private async Task WriteArticlesAsync(JsonRecordWriter w)
    {
        await using var tagScope = scopes.CreateAsyncScope();
        var tagDb = tagScope.ServiceProvider.GetRequiredService<GazetteDb>();
        await using var tags = RowsByParent.Of(
            (from a in tagDb.Articles from t in a.Tags orderby a.Id, t.Id select new { ArticleId = a.Id, TagId = t.Id }).AsAsyncEnumerable(),
            row => row.ArticleId);
        await using var bylineScope = scopes.CreateAsyncScope();
        await using var bylines = RowsByParent.Of(
            bylineScope.ServiceProvider.GetRequiredService<GazetteDb>().ArticleBylines.AsNoTracking()
                .OrderBy(b => b.ArticleId).ThenBy(b => b.Position).Select(b => new { b.ArticleId, b.AuthorId }).AsAsyncEnumerable(),
            row => row.ArticleId);
        await using var noteScope = scopes.CreateAsyncScope();
        await using var notes = RowsByParent.Of(
            noteScope.ServiceProvider.GetRequiredService<GazetteDb>().ArticleNotes.AsNoTracking()
                .OrderBy(n => n.ArticleId).ThenBy(n => n.At).ThenBy(n => n.Id).AsAsyncEnumerable(),
            row => row.ArticleId);
        w.Json.WriteStartArray("articles");
        await foreach (var a in db.Articles.AsNoTracking().OrderBy(a => a.Id).AsAsyncEnumerable().WithCancellation(w.Cancellation))
        {
            w.Json.WriteStartObject();
            w.Number("id", a.Id);
            w.Text("slug", a.Slug);
            w.Text("title", a.Title);
            w.Name("status", a.Status);
            w.Date("createdAt", a.CreatedAt);
            w.Date("publishedAt", a.PublishedAt);
            w.Date("updatedAt", a.UpdatedAt);
            w.Number("authorId", a.AuthorId);
            w.Number("categoryId", a.CategoryId);
            w.Json.WriteStartArray("tagIds");
            await foreach (var tag in tags.OfAsync(a.Id))
            {
                w.Json.WriteNumberValue(tag.TagId);
            }
            w.Json.WriteEndArray();
            w.Text("excerpt", a.Excerpt);
            w.Text("bodyMarkdown", a.BodyMarkdown);
            w.Text("bodyHtml", a.BodyHtml);
            if (a.Image is null)
            {
                w.Json.WriteNull("image");
            }
            else
            {
                w.Json.WriteStartObject("image");
                w.Text("path", a.Image.Path);
                w.Text("alt", a.Image.Alt);
                w.Number("width", a.Image.Width);
                w.Number("height", a.Image.Height);
                w.Text("kind", a.Image.Kind.ToString());
                w.Json.WriteStartArray("urls");
                foreach (var width in Articles.FeaturedImage.Widths)
                {
                    w.Json.WriteStringValue(a.Image.Url(width));
                }
                w.Json.WriteEndArray();
                w.Json.WriteEndObject();
            }
            w.Json.WriteBoolean("commentsClosed", a.CommentsClosed);
            w.Number("commentCount", a.CommentCount);
            w.Text("sourceId", a.SourceId);
            w.Text("source", a.Source);
            w.Json.WriteBoolean("isDemo", a.IsDemo);
            if (a.TrashedFrom is { } trashedFrom)
            {
                w.Name("trashedFrom", trashedFrom);
            }
            else
            {
                w.Json.WriteNull("trashedFrom");
            }
            w.Date("trashedAt", a.TrashedAt);
            w.Json.WriteStartArray("bylineIds");
            await foreach (var byline in bylines.OfAsync(a.Id))
            {
                w.Json.WriteNumberValue(byline.AuthorId);
            }
            w.Json.WriteEndArray();
            w.Json.WriteStartArray("notes");
            await foreach (var note in notes.OfAsync(a.Id))
            {
                w.Json.WriteStartObject();
                w.Number("id", note.Id);
                w.Name("kind", note.Kind);
                w.Text("text", note.Text);
                w.Date("at", note.At);
                w.Json.WriteEndObject();
            }
            w.Json.WriteEndArray();
            w.Json.WriteEndObject();
            await w.FlushIfFullAsync();
        }
        w.Json.WriteEndArray();
    }

    private async Task WriteAccountsAsync(JsonRecordWriter w)
    {
        await using var roleScope = scopes.CreateAsyncScope();
        var roleDb = roleScope.ServiceProvider.GetRequiredService<GazetteDb>();
        await using var roles = RowsByParent.Of(
            (from userRole in roleDb.UserRoles
             join role in roleDb.Roles on userRole.RoleId equals role.Id
             orderby userRole.UserId, role.Name
             select new { userRole.UserId, Role = role.Name! }).AsAsyncEnumerable(),
            row => row.UserId);
        w.Json.WriteStartArray("accounts");
        // Only what an account is, never how it signs in: no password hash, security or concurrency stamp.
        var accounts = db.Users.AsNoTracking().OrderBy(u => u.Id).Select(u => new
        {
            u.Id, u.UserName, u.Email, u.EmailConfirmed, u.DisplayName, u.CreatedAt, u.PhoneNumber, u.PhoneNumberConfirmed,
            u.TwoFactorEnabled, u.LockoutEnabled, u.LockoutEnd, u.AccessFailedCount, u.RepliesByMail, u.Digest, u.AvatarPath,
        });
        await foreach (var u in accounts.AsAsyncEnumerable().WithCancellation(w.Cancellation))
        {
            w.Json.WriteStartObject();
            w.Text("id", u.Id);
            w.Text("userName", u.UserName);
            w.Text("email", u.Email);
            w.Json.WriteBoolean("emailConfirmed", u.EmailConfirmed);
            w.Text("displayName", u.DisplayName);
            w.Date("createdAt", u.CreatedAt);
            w.Json.WriteStartArray("roles");
            await foreach (var role in roles.OfAsync(u.Id))
            {
                w.Json.WriteStringValue(role.Role);
            }
            w.Json.WriteEndArray();
            w.Text("phoneNumber", u.PhoneNumber);
            w.Json.WriteBoolean("phoneNumberConfirmed", u.PhoneNumberConfirmed);
            w.Json.WriteBoolean("twoFactorEnabled", u.TwoFactorEnabled);
            w.Json.WriteBoolean("lockoutEnabled", u.LockoutEnabled);
            if (u.LockoutEnd is { } end)
            {
                w.Json.WriteString("lockoutEnd", end);
            }
            else
            {
                w.Json.WriteNull("lockoutEnd");
            }
            w.Number("accessFailedCount", u.AccessFailedCount);
            w.Json.WriteBoolean("repliesByMail", u.RepliesByMail);
            w.Name("digest", u.Digest);
            w.Text("avatarPath", u.AvatarPath);
            w.Json.WriteEndObject();
            await w.FlushIfFullAsync();
        }
        w.Json.WriteEndArray();
    }

    private async Task WriteCommentsAsync(JsonRecordWriter w)
    {
        await w.ArrayAsync("comments", db.Comments.OrderBy(c => c.Id), (c, w) =>
        {
            w.Number("id", c.Id);
            w.Number("articleId", c.ArticleId);
            w.Number("parentId", c.ParentId);
            w.Number("rootId", c.RootId);
            w.Number("depth", c.Depth);
            w.Name("status", c.Status);
            w.Date("createdAt", c.CreatedAt);
            w.Date("editedAt", c.EditedAt);
            w.Text("authorName", c.AuthorName);
            w.Text("authorEmail", c.AuthorEmail);
            w.Text("authorUrl", c.AuthorUrl);
            w.Name("kind", c.Kind);
            w.Text("userId", c.UserId);
            w.Text("body", c.Body);
            w.Text("bodyHtml", c.BodyHtml);
            w.Number("upvotes", c.Upvotes);
            w.Number("downvotes", c.Downvotes);
            w.Json.WriteNumber("rank", c.Rank);
            w.Text("guestKeyHash", c.GuestKeyHash);
            w.Text("ipHash", c.IpHash);
            w.Text("sourceId", c.SourceId);
            w.Text("moderationReasons", c.ModerationReasons);
            w.Json.WriteNumber("spamScore", c.SpamScore);
            w.Date("moderatedAt", c.ModeratedAt);
            w.Text("moderatedBy", c.ModeratedBy);
            w.Text("source", c.Source);
            w.Date("notifiedAt", c.NotifiedAt);
            w.Json.WriteBoolean("notifyReplies", c.NotifyReplies);
            w.Date("featuredAt", c.FeaturedAt);
            w.Text("featuredBy", c.FeaturedBy);
            w.Text("featuredNote", c.FeaturedNote);
        });
        await w.ArrayAsync("commentRevisions", db.CommentRevisions.OrderBy(r => r.Id), (r, w) =>
        {
            w.Number("id", r.Id);
            w.Number("commentId", r.CommentId);
            w.Text("body", r.Body);
            w.Date("replacedAt", r.ReplacedAt);
        });
        await w.ArrayAsync("commentVotes", db.CommentVotes.OrderBy(v => v.Id), (v, w) =>
        {
            w.Number("id", v.Id);
            w.Number("commentId", v.CommentId);
            w.Text("voterKey", v.VoterKey);
            w.Text("ipHash", v.IpHash);
            w.Number("value", v.Value);
            w.Date("castAt", v.CastAt);
        });
    }

    private async Task WriteModerationAsync(JsonRecordWriter w)
    {
        await w.ArrayAsync("commentFlags", db.CommentFlags.OrderBy(f => f.Id), (f, w) =>
        {
            w.Number("id", f.Id);
            w.Number("commentId", f.CommentId);
            w.Text("readerKey", f.ReaderKey);
            w.Text("ipHash", f.IpHash);
            w.Name("reason", f.Reason);
            w.Text("note", f.Note);
            w.Date("createdAt", f.CreatedAt);
            w.Date("resolvedAt", f.ResolvedAt);
        });
        await w.ArrayAsync("appeals", db.Appeals.OrderBy(a => a.Id), (a, w) =>
        {
            w.Number("id", a.Id);
            w.Number("commentId", a.CommentId);
            w.Text("text", a.Text);
            w.Name("status", a.Status);
            w.Date("createdAt", a.CreatedAt);
            w.Date("resolvedAt", a.ResolvedAt);
            w.Text("resolvedByName", a.ResolvedByName);
            w.Text("resolutionNote", a.ResolutionNote);
        });
        await w.ArrayAsync("bans", db.Bans.OrderBy(b => b.Id), (b, w) =>
        {
            w.Number("id", b.Id);
            w.Name("kind", b.Kind);
            w.Text("value", b.Value);
            w.Text("reason", b.Reason);
            w.Json.WriteBoolean("shadow", b.Shadow);
            w.Date("createdAt", b.CreatedAt);
            w.Date("expiresAt", b.ExpiresAt);
            w.Date("liftedAt", b.LiftedAt);
            w.Text("createdById", b.CreatedById);
            w.Text("createdByName", b.CreatedByName);
            w.Text("label", b.Label);
        });
        await w.ArrayAsync("moderationLog", db.ModerationLog.OrderBy(e => e.Id), (e, w) =>
        {
            w.Number("id", e.Id);
            w.Date("at", e.At);
            w.Text("actorId", e.ActorId);
            w.Text("actorName", e.ActorName);
            w.Text("action", e.Action);
            w.Number("commentId", e.CommentId);
            w.Number("banId", e.BanId);
            w.Text("before", e.Before);
            w.Text("after", e.After);
            w.Text("note", e.Note);
        });
    }
}
