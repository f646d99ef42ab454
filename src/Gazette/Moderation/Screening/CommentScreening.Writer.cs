using Gazette.Comments;
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
    /// The writer's record in one query, whoever writes and however much they wrote. Each fact is one seek in an index
    /// that only that question takes (see WritePathIndexes): the same text lately by the fingerprint of the text as this
    /// writer wrote it (by account or guest browser, and by e-mail) and time; an approved comment by identity and status.
    /// Each stops at its first row (LIMIT 1; bans are few), and the probes go together as one UNION ALL, compiled once.
    /// Nothing here reads what the writer posted lately, however much that is. An identity the writer lacks is a null
    /// parameter: EF Core writes the SQL for each pattern of null parameters, its probes there as WHERE 0 (or FALSE).
    /// </summary>
    /// <param name="body">The text to look for again (the duplicate rule), or null not to.</param>
    private async Task<WriterRecord> WriterAsync(Reader reader, string? email, string? body, DateTime now, CancellationToken cancellationToken)
    {
        var guest = reader.IsMember ? null : reader.GuestKeyHash;
        var duplicates = body is not null && Rules.DuplicateWindowMinutes > 0;
        var facts = new List<WriterFact>();
        var probes = ReadWriter.For(db)(db, reader.UserId, guest, email, reader.IsMember ? null : email, reader.IpHash, now,
            duplicates ? Comment.WriterFingerprintOf(reader.UserId, guest, body!) : null,
            duplicates ? Comment.EmailFingerprintOf(email, body!) : null,
            now.AddMinutes(-Rules.DuplicateWindowMinutes));
        await foreach (var fact in probes.WithCancellation(cancellationToken))
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
    /// The bans: open, and naming one of the writer's identities or their address. The duplicates: the text's fingerprints
    /// as this writer wrote it (<see cref="Comment.WriterFingerprint"/>, <see cref="Comment.EmailFingerprint"/>). The
    /// approved comments: a member's by account, a guest's by browser or by the e-mail they typed (<paramref name="guestEmail"/>:
    /// a member's first comment is their account's), case aside. The test of the e-mail for null is what lets SQLite take
    /// the e-mail index, which holds only comments that have one.
    /// </summary>
    private static readonly CompiledQuery<Func<GazetteDb, string?, string?, string?, string?, string?, DateTime, long?, long?, DateTime, IAsyncEnumerable<WriterFact>>>
        ReadWriter = new(() => EF.CompileAsyncQuery((GazetteDb db, string? account, string? guest, string? email, string? guestEmail, string? ip,
            DateTime now, long? writerFingerprint, long? emailFingerprint, DateTime since) =>
            db.Bans
                .Where(b => b.LiftedAt == null && (b.ExpiresAt == null || b.ExpiresAt > now))
                .Where(b => (b.Kind == BanKind.Account && account != null && b.Value == account)
                    || (b.Kind == BanKind.Email && email != null && b.Value == email)
                    || (b.Kind == BanKind.Ip && ip != null && b.Value == ip)
                    || (b.Kind == BanKind.Guest && guest != null && b.Value == guest))
                .Select(b => new WriterFact { Kind = WriterFactKind.Banned, BanId = b.Id })
            .Concat(db.Comments
                .Where(c => writerFingerprint != null && c.WriterFingerprint == writerFingerprint)
                .Where(c => c.CreatedAt >= since && c.Status != CommentStatus.Deleted)
                .Select(c => new WriterFact { Kind = WriterFactKind.PostedThisLately, BanId = 0 }).Take(1))
            .Concat(db.Comments
                .Where(c => emailFingerprint != null && c.EmailFingerprint == emailFingerprint)
                .Where(c => c.CreatedAt >= since && c.Status != CommentStatus.Deleted)
                .Select(c => new WriterFact { Kind = WriterFactKind.PostedThisLately, BanId = 0 }).Take(1))
            .Concat(db.Comments
                .Where(c => account != null && c.UserId == account && c.Status == CommentStatus.Approved)
                .Select(c => new WriterFact { Kind = WriterFactKind.HadOneApproved, BanId = 0 }).Take(1))
            .Concat(db.Comments
                .Where(c => guest != null && c.GuestKeyHash == guest && c.UserId == null && c.Status == CommentStatus.Approved)
                .Select(c => new WriterFact { Kind = WriterFactKind.HadOneApproved, BanId = 0 }).Take(1))
            .Concat(db.Comments
                .Where(c => guestEmail != null && c.AuthorEmail != null && c.AuthorEmail.ToLower() == guestEmail && c.Status == CommentStatus.Approved)
                .Select(c => new WriterFact { Kind = WriterFactKind.HadOneApproved, BanId = 0 }).Take(1))));
}
