using System.Collections.Concurrent;
using System.Linq.Expressions;
using Gazette.Comments;
using Gazette.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Query;

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
    /// Each stops at its first row (LIMIT 1; bans are few), and the probes the writer's identities call for go together
    /// as one UNION ALL, compiled once for each combination. Nothing here reads what the writer posted lately, however
    /// much that is.
    /// </summary>
    /// <param name="body">The text to look for again (the duplicate rule), or null not to.</param>
    private async Task<WriterRecord> WriterAsync(Reader reader, string? email, string? body, DateTime now, CancellationToken cancellationToken)
    {
        var guest = reader.IsMember ? null : reader.GuestKeyHash;
        var duplicates = body is not null && Rules.DuplicateWindowMinutes > 0;
        var keys = new WriterKeys(reader.UserId, guest, email, reader.IsMember ? null : email, reader.IpHash, now,
            duplicates ? Comment.WriterFingerprintOf(reader.UserId, guest, body!) : null,
            duplicates ? Comment.EmailFingerprintOf(email, body!) : null,
            Rules.DuplicatesSince(now));
        var facts = new List<WriterFact>();
        await foreach (var fact in keys.Run(db).WithCancellation(cancellationToken))
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
    /// What the probes look for. Null: the writer has no such identity (a guest's account), or the question is not asked
    /// (no duplicates looked for in an edit; <paramref name="GuestEmail"/> is the e-mail of a guest only, since approved
    /// comments under an e-mail vouch for a guest: a member's first comment is their account's).
    /// </summary>
    private sealed record WriterKeys(string? Account, string? Guest, string? Email, string? GuestEmail, string? Ip, DateTime Now,
        long? WriterFingerprint, long? EmailFingerprint, DateTime Since)
    {
        public IAsyncEnumerable<WriterFact> Run(GazetteDb db)
        {
            var probes = Probes.Where(p => p.Asked(this)).ToList();
            // EF Core runs a compiled query against one model only: the process may hold one for each database.
            var query = Compiled.GetOrAdd((db.Model, probes.Aggregate(0, (shape, probe) => shape | 1 << Array.IndexOf(Probes, probe))), _ => Compile(probes));
            return query(db, Account, Guest, Email, GuestEmail, Ip, Now, WriterFingerprint, EmailFingerprint, Since);
        }
    }

    /// <summary>A probe of the writer's record, written with every key it could need (only the ones it reads are sent).</summary>
    private delegate IQueryable<WriterFact> Probe(GazetteDb db, string? account, string? guest, string? email, string? guestEmail, string? ip,
        DateTime now, long? writerFingerprint, long? emailFingerprint, DateTime since);

    /// <summary>
    /// Every probe, and when it is asked. The bans: open, and naming one of the writer's identities or their address.
    /// The duplicates: the text's fingerprints as this writer wrote it (<see cref="Comment.WriterFingerprint"/>,
    /// <see cref="Comment.EmailFingerprint"/>). The approved comments: a member's by account, a guest's by browser or by
    /// the e-mail they typed, case aside; the test of the e-mail for null lets SQLite take the e-mail index, which holds
    /// only comments that have one.
    /// </summary>
    private static readonly (Func<WriterKeys, bool> Asked, Expression<Probe> Query)[] Probes =
    [
        (_ => true, (db, account, guest, email, guestEmail, ip, now, writerFingerprint, emailFingerprint, since) => db.Bans
            .Where(b => b.LiftedAt == null && (b.ExpiresAt == null || b.ExpiresAt > now))
            .Where(b => (b.Kind == BanKind.Account && account != null && b.Value == account)
                || (b.Kind == BanKind.Email && email != null && b.Value == email)
                || (b.Kind == BanKind.Ip && ip != null && b.Value == ip)
                || (b.Kind == BanKind.Guest && guest != null && b.Value == guest))
            .Select(b => new WriterFact { Kind = WriterFactKind.Banned, BanId = b.Id })),
        (keys => keys.WriterFingerprint is not null, (db, account, guest, email, guestEmail, ip, now, writerFingerprint, emailFingerprint, since) => db.Comments
            .Where(c => c.WriterFingerprint == writerFingerprint && c.CreatedAt >= since && c.Status != CommentStatus.Deleted)
            .Select(c => new WriterFact { Kind = WriterFactKind.PostedThisLately, BanId = 0 }).Take(1)),
        (keys => keys.EmailFingerprint is not null, (db, account, guest, email, guestEmail, ip, now, writerFingerprint, emailFingerprint, since) => db.Comments
            .Where(c => c.EmailFingerprint == emailFingerprint && c.CreatedAt >= since && c.Status != CommentStatus.Deleted)
            .Select(c => new WriterFact { Kind = WriterFactKind.PostedThisLately, BanId = 0 }).Take(1)),
        (keys => keys.Account is not null, (db, account, guest, email, guestEmail, ip, now, writerFingerprint, emailFingerprint, since) => db.Comments
            .Where(c => c.UserId == account && c.Status == CommentStatus.Approved)
            .Select(c => new WriterFact { Kind = WriterFactKind.HadOneApproved, BanId = 0 }).Take(1)),
        (keys => keys.Guest is not null, (db, account, guest, email, guestEmail, ip, now, writerFingerprint, emailFingerprint, since) => db.Comments
            .Where(c => c.GuestKeyHash == guest && c.UserId == null && c.Status == CommentStatus.Approved)
            .Select(c => new WriterFact { Kind = WriterFactKind.HadOneApproved, BanId = 0 }).Take(1)),
        (keys => keys.GuestEmail is not null, (db, account, guest, email, guestEmail, ip, now, writerFingerprint, emailFingerprint, since) => db.Comments
            .Where(c => c.AuthorEmail != null && c.AuthorEmail.ToLower() == guestEmail && c.Status == CommentStatus.Approved)
            .Select(c => new WriterFact { Kind = WriterFactKind.HadOneApproved, BanId = 0 }).Take(1)),
    ];

    private static readonly ConcurrentDictionary<(IModel, int), Func<GazetteDb, string?, string?, string?, string?, string?, DateTime, long?, long?, DateTime, IAsyncEnumerable<WriterFact>>>
        Compiled = new();

    /// <summary>These probes as one query (UNION ALL), over one set of parameters, compiled by EF Core.</summary>
    private static Func<GazetteDb, string?, string?, string?, string?, string?, DateTime, long?, long?, DateTime, IAsyncEnumerable<WriterFact>> Compile(
        IReadOnlyList<(Func<WriterKeys, bool> Asked, Expression<Probe> Query)> probes)
    {
        var parameters = probes[0].Query.Parameters;
        var union = probes.Skip(1).Aggregate(probes[0].Query.Body, (query, probe) => Expression.Call(
            typeof(Queryable), nameof(Queryable.Concat), [typeof(WriterFact)],
            query, ReplacingExpressionVisitor.Replace(probe.Query.Parameters, parameters, probe.Query.Body)));
        return EF.CompileAsyncQuery(
            Expression.Lambda<Func<GazetteDb, string?, string?, string?, string?, string?, DateTime, long?, long?, DateTime, IQueryable<WriterFact>>>(union, parameters));
    }
}
