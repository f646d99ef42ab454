using Gazette.Comments;
using Gazette.Mail;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Notifications;

/// <summary>The notifications' tables, and the comment's two columns they need.</summary>
public static class NotificationsModel
{
    public static void Configure(ModelBuilder model)
    {
        // Nearly every comment has been notified: the partial index holds only the few that wait (or never will:
        // held, spam), so "approved and not yet notified" is a probe of a tiny index on both databases.
        model.Entity<Comment>().HasIndex(c => new { c.Status, c.Id }, "IX_Comments_NotifyPending").HasFilter(@"""NotifiedAt"" IS NULL");
        model.Entity<NotifyAddress>(address =>
        {
            address.ToTable("NotifyAddresses");
            address.HasKey(a => a.Address);
            address.Property(a => a.Address).HasMaxLength(OutboxMessage.MaxAddressLength);
        });
        model.Entity<DiscussionFollow>(follow =>
        {
            follow.ToTable("NotifyFollows");
            follow.Property(f => f.Address).HasMaxLength(OutboxMessage.MaxAddressLength);
            follow.HasIndex(f => new { f.ArticleId, f.UserId }).IsUnique().HasFilter(@"""UserId"" IS NOT NULL");
            follow.HasIndex(f => new { f.ArticleId, f.Address }).IsUnique().HasFilter(@"""Address"" IS NOT NULL");
            follow.HasIndex(f => f.UserId);
            follow.HasIndex(f => f.Address);
            follow.HasOne<Articles.Article>().WithMany().HasForeignKey(f => f.ArticleId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<NotifyMember>(member =>
        {
            member.ToTable("NotifyMembers");
            member.HasKey(m => m.UserId);
            member.Property(m => m.FeedToken).HasMaxLength(64);
            member.HasIndex(m => m.FeedToken).IsUnique();
            member.HasOne<Accounts.GazetteUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<NotificationSent>(sent =>
        {
            sent.ToTable("NotifySent");
            sent.Property(s => s.Address).HasMaxLength(OutboxMessage.MaxAddressLength);
            sent.Property(s => s.Sender).HasMaxLength(100);
            sent.HasIndex(s => new { s.Address, s.At });
            sent.HasIndex(s => new { s.Sender, s.At });
            sent.HasIndex(s => s.At);
        });
        model.Entity<NotifyCursor>(cursor =>
        {
            cursor.ToTable("NotifyCursors");
            cursor.HasKey(c => c.Name);
            cursor.Property(c => c.Name).HasMaxLength(50);
        });
    }
}
