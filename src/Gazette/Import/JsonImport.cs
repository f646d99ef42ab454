using System.Text.Json;
using Gazette.Accounts;
using Gazette.Administration;
using Gazette.Articles;
using Gazette.Comments;
using Gazette.Core.Import.GazetteJson;
using Gazette.Core.Text;
using Gazette.Data;
using Gazette.Demo;
using Gazette.Mail;
using Gazette.Moderation;
using Gazette.SitePages;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Import;

/// <summary>
/// <c>import json FILE</c>: a Gazette export (<c>export json</c>) restored into an empty Gazette, with every id kept so
/// that links keep working. The target may hold the demo (removed first), accounts and saved settings (the
/// administrator who set it up), and nothing else: a site with content is refused, with what it holds, so the same file
/// twice is refused the second time and changes nothing. The file is read as a stream, one record at a time
/// (<see cref="GazetteJsonReader"/>), and written in one transaction: an import that stops leaves the site as it was.
/// Accounts come without passwords (their owners set one with "Forgot your password?"); an account whose e-mail or
/// name is already here is that account, and what the file says it did is its. Rendered HTML and a comment's place
/// in its thread are made again by the rules that made them (<see cref="ArticleMarkdown"/>,
/// <see cref="CommentLifecycle"/>), never taken from the file; counts are recounted. A dry run reads and checks the
/// whole file and the target, and writes nothing.
/// </summary>
public sealed partial class JsonImport(
    GazetteDb db, WriteGate writes, DemoRemoval demo, SiteSettingsStore settings, ILookupNormalizer normalizer)
{
    /// <summary>Rows saved at once (the tracker is emptied after each).</summary>
    public const int BatchSize = 500;

    private ImportReport report = null!;
    private int pending;
    private readonly Dictionary<string, string> accountIds = [];
    private readonly Dictionary<string, string> roleIds = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<int, (int? RootId, int Depth)> placedComments = [];
    private readonly Dictionary<int, List<Comment>> waitingForParent = [];
    private readonly HashSet<int> articleIds = [];

    public async Task<ImportReport> RunAsync(Stream file, bool dryRun, ImportReport importReport, CancellationToken cancellationToken)
    {
        report = importReport;
        try
        {
            if (await RefusalAsync(dryRun, cancellationToken) is { } refusal)
            {
                report.Finish(refusal);
                return report;
            }
            var reader = new GazetteJsonReader(file);
            var length = file.CanSeek ? file.Length : 0;
            if (dryRun)
            {
                foreach (var record in reader.Records())
                {
                    using (record)
                    {
                        report.Read(reader.Position, length);
                        report.Add(KindOf(record.Section));
                    }
                }
                report.Finish();
                return report;
            }
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            await using var connection = await OpenConnection.OpenAsync(db, cancellationToken);
            await using (var transaction = await writes.BeginExclusiveAsync(db, cancellationToken))
            {
                roleIds.Clear();
                foreach (var role in await db.Roles.AsNoTracking().ToListAsync(cancellationToken))
                {
                    roleIds[role.Name!] = role.Id;
                }
                foreach (var record in reader.Records())
                {
                    using (record)
                    {
                        report.Read(reader.Position, length);
                        await ImportAsync(record, cancellationToken);
                    }
                    if (pending >= BatchSize)
                    {
                        await SaveAsync(cancellationToken);
                    }
                }
                await SaveAsync(cancellationToken);
                if (waitingForParent.Count > 0)
                {
                    foreach (var (parent, replies) in waitingForParent)
                    {
                        foreach (var reply in replies)
                        {
                            report.Skip("comment", reply.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), $"Its parent {parent} is not in the file.");
                        }
                    }
                    waitingForParent.Clear();
                }
                await CommentLifecycle.RecountAsync(db, [.. articleIds], cancellationToken);
                await KeepIdentitiesAboveAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            await settings.LoadAsync(cancellationToken);
            report.Finish();
        }
        catch (GazetteJsonException e)
        {
            report.Finish($"{e.Message} Nothing was imported.");
        }
        catch (OperationCanceledException)
        {
            report.Finish("cancelled; nothing was imported.");
            throw;
        }
        catch (DbUpdateException e)
        {
            report.Finish($"{e.GetBaseException().Message} Nothing was imported.");
        }
        finally
        {
            db.ChangeTracker.Clear();
            db.ChangeTracker.AutoDetectChangesEnabled = true;
        }
        return report;
    }

    /// <summary>
    /// Why the site cannot take the file (content of its own besides the demo), or null. Only then does the demo go
    /// (a dry run only says it would).
    /// </summary>
    private async Task<string?> RefusalAsync(bool dryRun, CancellationToken cancellationToken)
    {
        var demoArticles = db.Articles.Where(a => a.IsDemo);
        var held = new (string What, int Count)[]
        {
            ("articles", await db.Articles.CountAsync(a => !a.IsDemo, cancellationToken)),
            ("comments", await db.Comments.CountAsync(c => !demoArticles.Any(a => a.Id == c.ArticleId), cancellationToken)),
            ("pages", await db.SitePages.CountAsync(cancellationToken)),
            ("bylines", await db.Authors.CountAsync(author => !demoArticles.Any(a => a.AuthorId == author.Id), cancellationToken)),
            ("categories", await db.Categories.CountAsync(category => !demoArticles.Any(a => a.CategoryId == category.Id), cancellationToken)),
            ("tags", await db.Tags.CountAsync(tag => !tag.Articles.Any(a => a.IsDemo), cancellationToken)),
            ("bans", await db.Bans.CountAsync(cancellationToken)),
            ("moderation log entries", await db.ModerationLog.CountAsync(cancellationToken)),
            ("library images", await db.LibraryImages.CountAsync(cancellationToken)),
            ("editor drafts", await db.EditorDrafts.CountAsync(cancellationToken)),
        }.Where(h => h.Count > 0).ToList();
        if (held.Count > 0)
        {
            return "This site already has content (" + string.Join(", ", held.Select(h => $"{h.Count} {h.What}"))
                + "): a Gazette export is restored into an empty Gazette only, so that every id, and every link, stays as it was. "
                + "Import it into a new data folder or database.";
        }
        if (await DemoRemoval.AnyAsync(db, cancellationToken))
        {
            if (dryRun)
            {
                report.Warn("site", null, "The demo content will be removed first.");
            }
            else
            {
                var removed = await demo.RemoveAsync(cancellationToken);
                report.Warn("site", null, $"The demo content was removed first ({removed.Articles} articles, {removed.Comments} comments).");
            }
        }
        return null;
    }

    private static string KindOf(string section) => section switch
    {
        "site" => "site settings",
        "categories" => "category",
        "moderationLog" => "moderation log entry",
        "articleReadDays" => "day of reads",
        "mailSuppressions" => "mail suppression",
        "oldAddresses" => "old address",
        "notifyAddresses" => "notification address",
        "notifyMembers" => "member's mail choices",
        _ when section.EndsWith('s') => JsonNamingPolicy.KebabCaseLower.ConvertName(section[..^1]).Replace('-', ' '),
        _ => section,
    };

    private async Task ImportAsync(GazetteJsonRecord record, CancellationToken cancellationToken)
    {
        var r = record.Value;
        string? id = null;
        try
        {
            id = r.ValueKind == JsonValueKind.Object && r.TryGetProperty("id", out var idField) ? idField.ToString() : null;
            switch (record.Section)
            {
                case "site":
                    await SiteSettingsAsync(r, cancellationToken);
                    break;
                case "accounts":
                    await AccountAsync(r, cancellationToken);
                    break;
                case "authors":
                    db.Authors.Add(new Author { Id = r.Int("id"), Slug = r.Text("slug"), Name = r.Text("name"), Bio = r.Text("bio"), UserId = Account(r.TextOrNull("userId")) });
                    break;
                case "categories":
                    db.Categories.Add(new Category { Id = r.Int("id"), Slug = r.Text("slug"), Name = r.Text("name"), Description = r.Text("description") });
                    break;
                case "tags":
                    db.Tags.Add(new Tag { Id = r.Int("id"), Slug = r.Text("slug"), Name = r.Text("name") });
                    break;
                case "articles":
                    Article(r);
                    break;
                case "articleRevisions":
                    ArticleRevision(r);
                    break;
                case "slugRedirects":
                    db.SlugRedirects.Add(new SlugRedirect { Id = r.Int("id"), ArticleId = KnownArticle(r.Int("articleId")), OldSlug = r.Text("oldSlug"), CreatedAt = r.Date("createdAt") });
                    break;
                case "oldAddresses":
                    db.OldAddresses.Add(new OldAddress { Id = r.Int("id"), ArticleId = KnownArticle(r.Int("articleId")), Path = r.Text("path") });
                    break;
                case "articlePins":
                    db.ArticlePins.Add(new ArticlePin { ArticleId = KnownArticle(r.Int("articleId")), Kind = r.Name<PinKind>("kind"), Position = r.Int("position"), PinnedArticleId = KnownArticle(r.Int("pinnedArticleId")) });
                    break;
                case "articleReadDays":
                    db.ArticleReadDays.Add(new ArticleReadDay { ArticleId = KnownArticle(r.Int("articleId")), Day = r.Day("day"), Reads = r.Long("reads") });
                    break;
                case "pages":
                    Page(r);
                    break;
                case "comments":
                    Comment(r);
                    break;
                case "commentRevisions":
                    db.CommentRevisions.Add(new CommentRevision { Id = r.Int("id"), CommentId = KnownComment(r.Int("commentId")), Body = r.Text("body"), ReplacedAt = r.Date("replacedAt") });
                    break;
                case "commentVotes":
                    db.CommentVotes.Add(new CommentVote
                    {
                        Id = r.Int("id"),
                        CommentId = KnownComment(r.Int("commentId")),
                        VoterKey = VoterKey(r.Text("voterKey")),
                        IpHash = r.TextOrNull("ipHash"),
                        Value = r.Int("value"),
                        CastAt = r.Date("castAt"),
                    });
                    break;
                case "commentFlags":
                    db.CommentFlags.Add(new CommentFlag
                    {
                        Id = r.Int("id"),
                        CommentId = KnownComment(r.Int("commentId")),
                        ReaderKey = VoterKey(r.Text("readerKey")),
                        IpHash = r.TextOrNull("ipHash"),
                        Reason = r.Name<FlagReason>("reason"),
                        Note = r.TextOrNull("note"),
                        CreatedAt = r.Date("createdAt"),
                        ResolvedAt = r.DateOrNull("resolvedAt"),
                    });
                    break;
                case "appeals":
                    db.Appeals.Add(new Appeal
                    {
                        Id = r.Int("id"),
                        CommentId = KnownComment(r.Int("commentId")),
                        Text = r.Text("text"),
                        Status = r.Name<AppealStatus>("status"),
                        CreatedAt = r.Date("createdAt"),
                        ResolvedAt = r.DateOrNull("resolvedAt"),
                        ResolvedByName = r.TextOrNull("resolvedByName"),
                        ResolutionNote = r.TextOrNull("resolutionNote"),
                    });
                    break;
                case "bans":
                    db.Bans.Add(new Ban
                    {
                        Id = r.Int("id"),
                        Kind = r.Name<BanKind>("kind"),
                        Value = r.Text("value"),
                        Reason = r.Text("reason"),
                        Shadow = r.Bool("shadow"),
                        CreatedAt = r.Date("createdAt"),
                        ExpiresAt = r.DateOrNull("expiresAt"),
                        LiftedAt = r.DateOrNull("liftedAt"),
                        CreatedById = Account(r.TextOrNull("createdById")),
                        CreatedByName = r.Text("createdByName"),
                        Label = r.Text("label"),
                    });
                    break;
                case "moderationLog":
                    db.ModerationLog.Add(new ModerationLogEntry
                    {
                        Id = r.Long("id"),
                        At = r.Date("at"),
                        ActorId = Account(r.TextOrNull("actorId")),
                        ActorName = r.Text("actorName"),
                        Action = r.Text("action"),
                        CommentId = r.IntOrNull("commentId"),
                        BanId = r.IntOrNull("banId"),
                        Before = r.TextOrNull("before"),
                        After = r.TextOrNull("after"),
                        Note = r.TextOrNull("note"),
                    });
                    break;
                case "mailSuppressions":
                    db.MailSuppressions.Add(MailSuppression.For(r.Text("address"), r.Text("list"), r.Date("createdAt")));
                    break;
                case "libraryImages":
                    LibraryImage(r);
                    break;
                case "editorDrafts":
                    EditorDraft(r);
                    break;
                case "notifyAddresses":
                    NotifyAddress(r);
                    break;
                case "discussionFollows":
                    DiscussionFollow(r);
                    break;
                case "notifyMembers":
                    await NotifyMemberAsync(r, cancellationToken);
                    break;
                default:
                    report.Skip(record.Section, id, "This Gazette does not know this kind of record.");
                    return;
            }
            pending++;
            report.Add(KindOf(record.Section));
        }
        catch (GazetteJsonException e)
        {
            // One bad record is listed, never the end of the import; what refers to it fails in turn and is listed too.
            report.Skip(KindOf(record.Section), id, e.Message);
        }
    }
}
