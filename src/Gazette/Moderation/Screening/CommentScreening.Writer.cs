using Gazette.Comments;
using Gazette.Core.Text;
using Gazette.Data;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Moderation.Screening;

/// <summary>What the rules need to know of the writer of a post or an edit, besides the text itself.</summary>
/// <param name="Bans">The open bans that name the writer: by account, e-mail, address or browser.</param>
/// <param name="PostedThisLately">The same text (spacing aside) from the same writer, recently, and not deleted by its author.</param>
/// <param name="HadOneApproved">The writer has had a comment approved (so this one is not their first).</param>
internal sealed record WriterRecord(IReadOnlyList<Ban> Bans, bool PostedThisLately, bool HadOneApproved);

public sealed partial class CommentScreening
{
    /// <summary>
    /// The writer's record in one query, whoever writes and however much they wrote. Each fact is one probe on an index
    /// of its own, stopped at its first row (LIMIT 1; bans are few), and the probes go together as one UNION ALL, compiled
    /// once. The writer's comments are looked up by each of their identities apart (account or guest cookie, and e-mail),
    /// each with its own partial indexes (by status; by text fingerprint and time, see WritePathIndexes): OR-ing the
    /// identities in one probe would leave the database no index to take but a walk of the table, and nothing here
    /// reads what the writer posted lately, however much that is. An identity the writer lacks is a null parameter, and
    /// its probes fall away from the SQL (EF Core writes the SQL for each pattern of null parameters).
    /// </summary>
    /// <param name="body">The text to look for again (the duplicate rule), or null not to.</param>
    private async Task<WriterRecord> WriterAsync(Reader reader, string? email, string? body, DateTime now, CancellationToken cancellationToken)
    {
        var guest = reader.IsMember ? null : reader.GuestKeyHash;
        var duplicates = body is not null && Rules.DuplicateWindowMinutes > 0;
        var facts = new List<WriterFact>();
        await foreach (var fact in ReadWriter(db, reader.UserId, guest, email, !reader.IsMember, reader.IpHash, now,
            duplicates ? TextFingerprint.Of(body!) : null, now.AddMinutes(-Rules.DuplicateWindowMinutes)).WithCancellation(cancellationToken))
        {
            facts.Add(fact);
        }
        var banIds = facts.Where(f => f.Kind == WriterFactKind.Banned).Select(f => f.BanId).ToList();
        var bans = banIds.Count == 0 ? [] : await db.Bans.AsNoTracking().Where(b => banIds.Contains(b.Id)).ToListAsync(cancellationToken);
        return new WriterRecord(bans, facts.Any(f => f.Kind == WriterFactKind.PostedThisLately), facts.Any(f => f.Kind == WriterFactKind.HadOneApproved));
    }

    private enum WriterFactKind
    {
        Banned,
        PostedThisLately,
        HadOneApproved,
    }

    /// <summary>One row of the writer's record: an open ban (by its id), or a fact found in their comments.</summary>
    private sealed class WriterFact
    {
        public WriterFactKind Kind { get; init; }
        public int BanId { get; init; }
    }

    /// <summary>
    /// The bans: open, and naming one of the writer's identities or their address. The comments: a member's by account, a
    /// guest's by browser, and either's by e-mail (a member's account's, a guest's typed), case aside; approved comments
    /// under the e-mail vouch for a guest only (<paramref name="emailVouches"/>): a member's first comment is their
    /// account's. The tests of e-mail for null are what let SQLite take the e-mail indexes, which hold only comments
    /// that have one.
    /// </summary>
    private static readonly Func<GazetteDb, string?, string?, string?, bool, string?, DateTime, long?, DateTime, IAsyncEnumerable<WriterFact>> ReadWriter =
        EF.CompileAsyncQuery((GazetteDb db, string? account, string? guest, string? email, bool emailVouches, string? ip, DateTime now, long? fingerprint,
            DateTime since) =>
            db.Bans
                .Where(b => b.LiftedAt == null && (b.ExpiresAt == null || b.ExpiresAt > now))
                .Where(b => (b.Kind == BanKind.Account && account != null && b.Value == account)
                    || (b.Kind == BanKind.Email && email != null && b.Value == email)
                    || (b.Kind == BanKind.Ip && ip != null && b.Value == ip)
                    || (b.Kind == BanKind.Guest && guest != null && b.Value == guest))
                .Select(b => new WriterFact { Kind = WriterFactKind.Banned, BanId = b.Id })
            .Concat(db.Comments
                .Where(c => account != null && c.UserId == account)
                .Where(c => fingerprint != null && c.BodyFingerprint == fingerprint && c.CreatedAt >= since && c.Status != CommentStatus.Deleted)
                .Select(c => new WriterFact { Kind = WriterFactKind.PostedThisLately, BanId = 0 }).Take(1))
            .Concat(db.Comments
                .Where(c => guest != null && c.GuestKeyHash == guest && c.UserId == null)
                .Where(c => fingerprint != null && c.BodyFingerprint == fingerprint && c.CreatedAt >= since && c.Status != CommentStatus.Deleted)
                .Select(c => new WriterFact { Kind = WriterFactKind.PostedThisLately, BanId = 0 }).Take(1))
            .Concat(db.Comments
                .Where(c => email != null && c.AuthorEmail != null && c.AuthorEmail.ToLower() == email)
                .Where(c => fingerprint != null && c.BodyFingerprint == fingerprint && c.CreatedAt >= since && c.Status != CommentStatus.Deleted)
                .Select(c => new WriterFact { Kind = WriterFactKind.PostedThisLately, BanId = 0 }).Take(1))
            .Concat(db.Comments
                .Where(c => account != null && c.UserId == account && c.Status == CommentStatus.Approved)
                .Select(c => new WriterFact { Kind = WriterFactKind.HadOneApproved, BanId = 0 }).Take(1))
            .Concat(db.Comments
                .Where(c => guest != null && c.GuestKeyHash == guest && c.UserId == null && c.Status == CommentStatus.Approved)
                .Select(c => new WriterFact { Kind = WriterFactKind.HadOneApproved, BanId = 0 }).Take(1))
            .Concat(db.Comments
                .Where(c => emailVouches && email != null && c.AuthorEmail != null && c.AuthorEmail.ToLower() == email
                    && c.Status == CommentStatus.Approved)
                .Select(c => new WriterFact { Kind = WriterFactKind.HadOneApproved, BanId = 0 }).Take(1)));
}
