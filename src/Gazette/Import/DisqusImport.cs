using System.Globalization;
using System.Net;
using Gazette.Comments;
using Gazette.Core.Import;
using Gazette.Core.Import.Disqus;
using Gazette.Data;
using Gazette.Infrastructure;
using Gazette.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Import;

/// <summary>
/// <c>import disqus</c>: a Disqus export's threads matched to articles, and their posts made comments. A thread is
/// matched by its identifier (WordPress's plugin writes <c>123 http://old.example/?p=123</c>: the post imported from
/// WordPress with that id) or by its address, normalised (<see cref="AddressKey"/>) and looked up among the old
/// addresses imported articles keep, then by the last segment of its path as a slug. Unmatched threads are listed with
/// their posts' count. Posts are written in batches as they are read (<see cref="ImportedComments"/>); a reply met
/// before its parent waits in memory until the parent comes or the file ends. A deleted post stays as a deleted comment (a placeholder while it has replies); spam stays spam.
/// </summary>
public sealed class DisqusImport(GazetteDb db, WriteGate writes, ImportedComments comments, IpHasher ipHasher, IOptions<PrivacyOptions> privacy, TimeProvider clock)
{
    private sealed record ThreadMatch(int? ArticleId, DisqusThread Thread)
    {
        public int Posts { get; set; }
    }

    public async Task RunAsync(Stream file, bool dryRun, string? oldBaseUrl, ImportReport report, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var ipsKeptSince = now.AddDays(-privacy.Value.IpRetentionDays);
        var threads = new Dictionary<string, ThreadMatch>();
        string? fatal = null;
        comments.Begin(ImportSources.Disqus, ImportSources.DisqusPlaceholder, report);
        await using var connection = await ImportConnection.OpenAsync(db, cancellationToken);
        await using var dryTransaction = dryRun ? await writes.BeginAsync(db, cancellationToken) : null;
        GatedTransaction? batch = null;
        var pending = 0;

        // Posts are written as they come, in batches; a reply met before its parent waits in memory for it (alone).
        async Task WriteAsync(bool endOfFile)
        {
            batch ??= dryRun ? null : await writes.BeginAsync(db, cancellationToken);
            pending += await comments.WriteAsync(noMoreParents: endOfFile, cancellationToken);
            if ((pending >= WordPressImport.BatchSize || endOfFile) && batch is not null)
            {
                await comments.KeepIdentityAboveAsync(cancellationToken);
                await batch.CommitAsync(cancellationToken);
                await batch.DisposeAsync();
                batch = null;
                pending = 0;
            }
        }

        try
        {
            var length = file.CanSeek ? file.Length : 0;
            IEnumerable<DisqusRecord> Read()
            {
                foreach (var record in DisqusReader.Read(file))
                {
                    report.Read(file.CanSeek ? file.Position : 0, length);
                    yield return record;
                }
            }
            // The file read and the posts' bodies rendered on the other core while batches are written here.
            await foreach (var (record, bodyHtml) in ImportPipeline.ReadAsync(Read, BodyOf, ImportPipeline.ReadAhead, cancellationToken))
            {
                switch (record)
                {
                    case DisqusThread thread:
                        var match = new ThreadMatch(await MatchAsync(thread, oldBaseUrl, cancellationToken), thread);
                        foreach (var key in new[] { thread.DsqId, thread.Identifier }.OfType<string>())
                        {
                            threads.TryAdd(key, match);
                        }
                        report.Add("thread", match.ArticleId is null ? "unmatched" : "matched");
                        break;
                    case DisqusPost post:
                        var threadKey = post.ThreadDsqId ?? post.ThreadId;
                        if (threadKey is null || !threads.TryGetValue(threadKey, out var of))
                        {
                            report.Skip("post", post.Key, $"Its thread {threadKey} is not in the file.");
                            break;
                        }
                        of.Posts++;
                        if (of.ArticleId is not { } articleId)
                        {
                            break;
                        }
                        var createdAt = post.CreatedAt ?? now;
                        var name = post.Author.Name ?? post.Author.Username;
                        comments.Add(articleId, new IncomingComment(post.Key!, post.ParentDsqId ?? post.ParentId, name, post.Author.Email, post.Message,
                            post.IsSpam ? CommentStatus.Spam : post.IsDeleted ? CommentStatus.Deleted : CommentStatus.Approved, createdAt,
                            null, createdAt >= ipsKeptSince && IPAddress.TryParse(post.IpAddress, out var ip) ? ipHasher.Hash(ip) : null, null,
                            DisqusProfile(post.Author), BodyHtml: bodyHtml));
                        if (comments.Buffered >= WordPressImport.CommentsPerWrite)
                        {
                            await WriteAsync(endOfFile: false);
                        }
                        break;
                    case DisqusProblem problem:
                        report.Skip(problem.Kind, problem.SourceId, problem.Reason);
                        if (problem.IsFatal)
                        {
                            fatal = problem.Reason;
                        }
                        break;
                }
            }
            await WriteAsync(endOfFile: true);
            foreach (var match in threads.Values.Distinct().Where(t => t.ArticleId is null))
            {
                report.ThreadUnmatched(match.Thread.DsqId ?? match.Thread.Identifier,
                    $"\"{match.Thread.Title}\" at {match.Thread.Link ?? "(no link)"}, identifier {match.Thread.Identifier ?? "(none)"}: no article has this address or id; its {match.Posts} posts were not imported.");
            }
            await comments.RecountAsync(cancellationToken);
            report.Finish(fatal);
        }
        catch (OperationCanceledException)
        {
            report.Finish("cancelled; what was committed stays, and importing the file again finishes the job.");
            throw;
        }
        catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException or InvalidOperationException or IOException)
        {
            report.Finish($"{e.GetBaseException().Message} What was committed stays; importing the file again finishes the job.");
        }
        finally
        {
            if (batch is not null)
            {
                await batch.DisposeAsync();
            }
        }
    }

    /// <summary>A post's body rendered ahead of its turn, as a comment (its kind here); null for other records.</summary>
    private static string? BodyOf(DisqusRecord record) =>
        record is DisqusPost post ? CommentLifecycle.BodyHtml(post.Message, CommentKind.Comment, DisqusProfile(post.Author)) : null;

    private async Task<int?> MatchAsync(DisqusThread thread, string? oldBaseUrl, CancellationToken cancellationToken)
    {
        // WordPress's Disqus plugin: "123 http://old.example/?p=123".
        if (thread.Identifier?.Split(' ', 2)[0] is { } first && long.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            if (await db.Articles.Where(a => a.Source == ImportSources.WordPress && a.SourceId == first).Select(a => (int?)a.Id)
                .FirstOrDefaultAsync(cancellationToken) is { } byPostId)
            {
                return byPostId;
            }
        }
        var addresses = new[] { thread.Link, thread.Identifier?.Split(' ').LastOrDefault() }.OfType<string>();
        foreach (var address in addresses)
        {
            if (!Uri.TryCreate(address, UriKind.Absolute, out var uri))
            {
                continue;
            }
            var hosts = new List<string> { AddressKey.Host(uri.Host) };
            if (oldBaseUrl is not null)
            {
                hosts.Add(AddressKey.Host(oldBaseUrl));
            }
            if (OldAddresses.KeyOf(address, hosts) is { } key
                && await db.OldAddresses.Where(a => a.Path == key).Select(a => (int?)a.ArticleId).FirstOrDefaultAsync(cancellationToken) is { } byAddress)
            {
                return byAddress;
            }
            // A Gazette address, or a permalink whose last segment is the slug the article kept.
            var slug = uri.AbsolutePath.TrimEnd('/').Split('/').LastOrDefault()?.ToLowerInvariant();
            if (!string.IsNullOrEmpty(slug)
                && await db.Articles.Where(a => a.Slug == slug).Select(a => (int?)a.Id).FirstOrDefaultAsync(cancellationToken) is { } bySlug)
            {
                return bySlug;
            }
        }
        return null;
    }

    /// <summary>
    /// A Disqus member's profile address, kept as the comment's web address: it keeps their username, and its absence
    /// says the post was anonymous (a guest's).
    /// </summary>
    private static string? DisqusProfile(DisqusAuthor author) =>
        author.IsAnonymous || string.IsNullOrWhiteSpace(author.Username) ? null : $"https://disqus.com/by/{Uri.EscapeDataString(author.Username.Trim())}/";
}
