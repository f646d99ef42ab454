using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Gazette.Accounts;
using Gazette.Comments;
using Gazette.Data;
using Gazette.Infrastructure;
using Gazette.Moderation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Privacy;

/// <summary>
/// Everything the site keeps about one reader, as the JSON file they download from /account/data: their account (no
/// password hash, no security stamps), their comments with their text, earlier versions and the reasons for their
/// status, their votes and flags, and their appeals. Of other people's comments it gives only the address of the one
/// voted on or flagged. A guest gets what their browser's cookie wrote.
/// </summary>
public sealed class PersonalData(GazetteDb db, UserManager<GazetteUser> users, TimeProvider clock, IOptions<SiteOptions> site)
{
    public sealed record Export(
        DateTime ExportedAt, string Site, ExportedAccount? Account, bool Guest, IReadOnlyList<ExportedComment> Comments,
        IReadOnlyList<ExportedVote> Votes, IReadOnlyList<ExportedFlag> Flags, IReadOnlyList<ExportedAppeal> Appeals);

    public sealed record ExportedAccount(
        string Id, string? Email, bool EmailConfirmed, string DisplayName, DateTime CreatedAt, IReadOnlyList<string> Roles, string? Byline);

    public sealed record ExportedArticle(string Title, string Url);

    public sealed record ExportedRevision(string Body, DateTime ReplacedAt);

    public sealed record ExportedComment(
        int Id, string Url, ExportedArticle Article, int? ParentId, string? AuthorName, string? AuthorEmail, string Body,
        CommentStatus Status, DateTime CreatedAt, DateTime? EditedAt, int Upvotes, int Downvotes, string? IpHash,
        IReadOnlyList<ExportedRevision> EarlierVersions, ModerationRecord? Moderation);

    public sealed record ExportedVote(int CommentId, string CommentUrl, ExportedArticle Article, int Value, DateTime CastAt);

    public sealed record ExportedFlag(int CommentId, string CommentUrl, ExportedArticle Article, FlagReason Reason, string? Note, DateTime CreatedAt);

    public sealed record ExportedAppeal(int CommentId, string Text, DateTime CreatedAt, AppealStatus Status, DateTime? ResolvedAt, string? ResolutionNote);

    /// <summary>How much there is, for the page that offers the download.</summary>
    public sealed record Summary(int Comments, int Votes, int Flags);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public static byte[] ToJson(Export export) => JsonSerializer.SerializeToUtf8Bytes(export, Json);

    public async Task<Summary> SummaryAsync(Reader reader, CancellationToken cancellationToken)
    {
        var keys = ReaderKeys(reader);
        return new Summary(
            await OwnComments(reader).CountAsync(cancellationToken),
            await db.CommentVotes.CountAsync(v => v.VoterKey == reader.VoterKey, cancellationToken),
            await db.CommentFlags.CountAsync(f => keys.Contains(f.ReaderKey), cancellationToken));
    }

    public async Task<Export> ExportAsync(Reader reader, HttpRequest request, CancellationToken cancellationToken)
    {
        string Url(string path) => site.Value.AbsoluteUrl(request, path);

        ExportedAccount? account = null;
        if (reader.IsMember && await users.FindByIdAsync(reader.UserId!) is { } user)
        {
            var byline = await db.Authors.Where(a => a.UserId == user.Id).Select(a => a.Slug).FirstOrDefaultAsync(cancellationToken);
            account = new ExportedAccount(user.Id, user.Email, user.EmailConfirmed, user.DisplayName, user.CreatedAt,
                [.. await users.GetRolesAsync(user)], byline is null ? null : Url($"/author/{byline}"));
        }

        var comments = await OwnComments(reader).AsNoTracking()
            .Join(db.Articles, c => c.ArticleId, a => a.Id, (c, a) => new { Comment = c, a.Title, a.Slug })
            .OrderBy(c => c.Comment.CreatedAt).ThenBy(c => c.Comment.Id)
            .ToListAsync(cancellationToken);
        var ids = comments.Select(c => c.Comment.Id).ToList();
        var revisions = (await db.CommentRevisions.AsNoTracking().Where(r => ids.Contains(r.CommentId)).OrderBy(r => r.ReplacedAt).ToListAsync(cancellationToken))
            .ToLookup(r => r.CommentId);
        var appeals = await db.Appeals.AsNoTracking().Where(a => ids.Contains(a.CommentId)).OrderBy(a => a.CreatedAt)
            .Select(a => new ExportedAppeal(a.CommentId, a.Text, a.CreatedAt, a.Status, a.ResolvedAt, a.ResolutionNote))
            .ToListAsync(cancellationToken);

        var votes = await db.CommentVotes.AsNoTracking().Where(v => v.VoterKey == reader.VoterKey)
            .Join(db.Comments, v => v.CommentId, c => c.Id, (v, c) => new { v, c.ArticleId })
            .Join(db.Articles, x => x.ArticleId, a => a.Id, (x, a) => new { x.v.CommentId, x.v.Value, x.v.CastAt, a.Title, a.Slug })
            .OrderBy(v => v.CastAt).ToListAsync(cancellationToken);
        var keys = ReaderKeys(reader);
        var flags = await db.CommentFlags.AsNoTracking().Where(f => keys.Contains(f.ReaderKey))
            .Join(db.Comments, f => f.CommentId, c => c.Id, (f, c) => new { f, c.ArticleId })
            .Join(db.Articles, x => x.ArticleId, a => a.Id, (x, a) => new { x.f.CommentId, x.f.Reason, x.f.Note, x.f.CreatedAt, a.Title, a.Slug })
            .OrderBy(f => f.CreatedAt).ToListAsync(cancellationToken);

        return new Export(
            clock.GetUtcNow().UtcDateTime, site.Value.Name, account, !reader.IsMember,
            [.. comments.Select(row => new ExportedComment(
                row.Comment.Id, Url($"/comments/{row.Comment.Id}"), new ExportedArticle(row.Title, Url($"/articles/{row.Slug}")),
                row.Comment.ParentId, row.Comment.AuthorName, row.Comment.AuthorEmail, row.Comment.Body, row.Comment.Status,
                row.Comment.CreatedAt, row.Comment.EditedAt, row.Comment.Upvotes, row.Comment.Downvotes, row.Comment.IpHash,
                [.. revisions[row.Comment.Id].Select(r => new ExportedRevision(r.Body, r.ReplacedAt))],
                row.Comment.ModerationReasons is null ? null : ModerationRecord.Read(row.Comment.ModerationReasons)))],
            [.. votes.Select(v => new ExportedVote(v.CommentId, Url($"/comments/{v.CommentId}"), new ExportedArticle(v.Title, Url($"/articles/{v.Slug}")), v.Value, v.CastAt))],
            [.. flags.Select(f => new ExportedFlag(f.CommentId, Url($"/comments/{f.CommentId}"), new ExportedArticle(f.Title, Url($"/articles/{f.Slug}")), f.Reason, f.Note, f.CreatedAt))],
            appeals);
    }

    /// <summary>A member's comments by their account; a guest's by their cookie (never comments an account wrote).</summary>
    private IQueryable<Comment> OwnComments(Reader reader) => reader.IsMember
        ? db.Comments.Where(c => c.UserId == reader.UserId)
        : db.Comments.Where(c => c.UserId == null && c.GuestKeyHash != null && c.GuestKeyHash == reader.GuestKeyHash);

    /// <summary>The keys a flag may name its reader by: as votes do ("u:…", "g:…"), or spelled out ("user:…", "guest:…").</summary>
    internal static string[] ReaderKeys(Reader reader) => reader.IsMember
        ? [reader.VoterKey, $"user:{reader.UserId}"]
        : [reader.VoterKey, $"guest:{reader.GuestKeyHash}"];
}
