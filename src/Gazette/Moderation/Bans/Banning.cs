using System.Globalization;
using Gazette.Data;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Moderation;

/// <summary>Bans made and lifted by moderators, each with its entry in the moderation log.</summary>
public sealed class Banning(GazetteDb db, TimeProvider clock, WriteGate writes)
{
    public static string KindName(BanKind kind) => kind switch
    {
        BanKind.Account => "Account",
        BanKind.Email => "Email",
        BanKind.Ip => "IP address",
        _ => "Guest cookie",
    };

    public static bool IsActive(Ban ban, DateTime now) => ban.LiftedAt is null && (ban.ExpiresAt is null || ban.ExpiresAt > now);

    public async Task<Ban> CreateAsync(BanKind kind, string value, string reason, string label, bool shadow, DateTime? expiresAt, Moderator by,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var ban = new Ban
        {
            Kind = kind, Value = value, Reason = reason, Label = label, Shadow = shadow, CreatedAt = now, ExpiresAt = expiresAt,
            CreatedById = by.Id, CreatedByName = by.Name,
        };
        await using var transaction = await writes.BeginAsync(db, cancellationToken);
        db.Bans.Add(ban);
        await db.SaveChangesAsync(cancellationToken);
        db.ModerationLog.Add(new ModerationLogEntry
        {
            At = now, ActorId = by.Id, ActorName = by.Name, Action = "ban", BanId = ban.Id,
            After = Describe(ban), Note = reason,
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ban;
    }

    /// <returns>False when there is no such ban, or it has already ended.</returns>
    public async Task<bool> LiftAsync(int banId, Moderator by, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await writes.BeginAsync(db, cancellationToken);
        var ban = await db.Bans.FirstOrDefaultAsync(b => b.Id == banId, cancellationToken);
        if (ban is null || !IsActive(ban, now))
        {
            return false;
        }
        var before = Describe(ban);
        ban.LiftedAt = now;
        db.ModerationLog.Add(new ModerationLogEntry
        {
            At = now, ActorId = by.Id, ActorName = by.Name, Action = "unban", BanId = ban.Id, Before = before, After = "lifted",
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>The ban in one line, for the log: kind, who, and until when.</summary>
    public static string Describe(Ban ban) =>
        $"{(ban.Shadow ? "shadow ban" : "ban")} on {KindName(ban.Kind).ToLowerInvariant()} {(string.IsNullOrEmpty(ban.Label) ? ban.Value : $"{ban.Label} ({ban.Value})")}"
        + (ban.ExpiresAt is { } end ? string.Create(CultureInfo.InvariantCulture, $" until {end:yyyy-MM-dd HH:mm} UTC") : ", no end");
}
