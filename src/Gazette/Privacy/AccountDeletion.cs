using Gazette.Accounts;
using Gazette.Comments;
using Gazette.Data;
using Gazette.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Privacy;

/// <summary>What deleting an account did to its comments.</summary>
public sealed record DeletionResult(bool Succeeded, AccountDeletionMode Mode, int Anonymised, int Placeholders, int Deleted, string? Error = null);

/// <summary>
/// Deletes a reader's account and, per <see cref="PrivacyOptions.OnAccountDeletion"/>, anonymises or removes their
/// comments, in one transaction. Threads stay whole: a removed comment that others replied to stays as a "comment
/// deleted" placeholder. Their votes and flags stay counted but no longer name them, a byline they wrote under loses
/// its link to the account, and the articles' comment counts and cached pages follow.
/// </summary>
public sealed class AccountDeletion(
    GazetteDb db, UserManager<GazetteUser> users, WriteGate writes, SiteCache siteCache, IOptions<PrivacyOptions> options)
{
    public const string DeletedName = "Deleted reader";

    public async Task<DeletionResult> DeleteAsync(GazetteUser user, CancellationToken cancellationToken)
    {
        var mode = options.Value.OnAccountDeletion;
        var own = await db.Comments.Where(c => c.UserId == user.Id)
            .Select(c => new { c.Id, c.ArticleId, c.Depth }).ToListAsync(cancellationToken);
        var ownIds = own.Select(c => c.Id).ToList();
        var articleIds = own.Select(c => c.ArticleId).Distinct().ToList();
        var placeholders = new List<int>();
        var deletable = new HashSet<int>();
        DeletionResult result;

        await using (var transaction = await writes.BeginAsync(db, cancellationToken))
        {
            if (mode == AccountDeletionMode.Anonymise)
            {
                await db.Comments.Where(c => c.UserId == user.Id).ExecuteUpdateAsync(set => set
                    .SetProperty(c => c.AuthorName, DeletedName)
                    .SetProperty(c => c.AuthorEmail, (string?)null)
                    .SetProperty(c => c.IpHash, (string?)null)
                    .SetProperty(c => c.GuestKeyHash, (string?)null)
                    .SetProperty(c => c.UserId, (string?)null), cancellationToken);
                result = new DeletionResult(true, mode, ownIds.Count, 0, 0);
            }
            else
            {
                // A comment can go only when every reply under it goes too; the others stay as placeholders.
                var replies = (await db.Comments.Where(c => c.ParentId != null && ownIds.Contains(c.ParentId.Value))
                    .Select(c => new { c.Id, ParentId = c.ParentId!.Value }).ToListAsync(cancellationToken))
                    .ToLookup(c => c.ParentId, c => c.Id);
                foreach (var comment in own.OrderByDescending(c => c.Depth))
                {
                    if (replies[comment.Id].All(deletable.Contains))
                    {
                        deletable.Add(comment.Id);
                    }
                }
                placeholders.AddRange(ownIds.Where(id => !deletable.Contains(id)));

                await db.CommentRevisions.Where(r => ownIds.Contains(r.CommentId)).ExecuteDeleteAsync(cancellationToken);
                await db.Comments.Where(c => placeholders.Contains(c.Id)).ExecuteUpdateAsync(set => set
                    .SetProperty(c => c.Status, CommentStatus.Deleted)
                    .SetProperty(c => c.Body, "")
                    .SetProperty(c => c.BodyHtml, "")
                    .SetProperty(c => c.AuthorName, DeletedName)
                    .SetProperty(c => c.AuthorEmail, (string?)null)
                    .SetProperty(c => c.IpHash, (string?)null)
                    .SetProperty(c => c.GuestKeyHash, (string?)null)
                    .SetProperty(c => c.UserId, (string?)null), cancellationToken);
                await db.CommentVotes.Where(v => deletable.Contains(v.CommentId)).ExecuteDeleteAsync(cancellationToken);
                await db.CommentFlags.Where(f => deletable.Contains(f.CommentId)).ExecuteDeleteAsync(cancellationToken);
                await db.Appeals.Where(a => deletable.Contains(a.CommentId)).ExecuteDeleteAsync(cancellationToken);
                // Deepest first: a reply goes before the comment it answers.
                foreach (var depth in own.Where(c => deletable.Contains(c.Id)).Select(c => c.Depth).Distinct().OrderDescending())
                {
                    await db.Comments.Where(c => deletable.Contains(c.Id) && c.Depth == depth).ExecuteDeleteAsync(cancellationToken);
                }
                result = new DeletionResult(true, mode, 0, placeholders.Count, deletable.Count);
            }

            // Their votes and flags still count, under a key that names nobody.
            var reader = new Reader(user.Id, null, null, null);
            var flagKeys = PersonalData.ReaderKeys(reader);
            await db.CommentVotes.Where(v => v.VoterKey == reader.VoterKey).ExecuteUpdateAsync(set => set
                .SetProperty(v => v.VoterKey, v => "deleted:" + v.Id.ToString())
                .SetProperty(v => v.IpHash, (string?)null), cancellationToken);
            await db.CommentFlags.Where(f => flagKeys.Contains(f.ReaderKey)).ExecuteUpdateAsync(set => set
                .SetProperty(f => f.ReaderKey, f => "deleted:" + f.Id.ToString())
                .SetProperty(f => f.IpHash, (string?)null), cancellationToken);
            await db.Authors.Where(a => a.UserId == user.Id).ExecuteUpdateAsync(set => set.SetProperty(a => a.UserId, (string?)null), cancellationToken);
            await CommentLifecycle.RecountAsync(db, articleIds, cancellationToken);

            var deleted = await users.DeleteAsync(user);
            if (!deleted.Succeeded)
            {
                return new DeletionResult(false, mode, 0, 0, 0, string.Join(" ", deleted.Errors.Select(e => e.Description)));
            }
            await transaction.CommitAsync(cancellationToken);
        }

        var slugs = await db.Articles.Where(a => articleIds.Contains(a.Id)).Select(a => a.Slug).ToListAsync(cancellationToken);
        foreach (var slug in slugs)
        {
            await siteCache.ArticleChangedAsync(slug, cancellationToken);
        }
        return result;
    }
}
