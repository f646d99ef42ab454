using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gazette.Mail;

/// <summary>The outbox's tables, applied from GazetteDb.OnModelCreating.</summary>
public sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> message)
    {
        message.ToTable("OutboxMessages");
        // The rendered mail in a table of its own: the sender moves a message twice (claimed, then sent), and a row of
        // 4-6 KB was written again whole at each move, one page per message; the moves now touch rows of a few hundred
        // bytes, many to a page (docs/benchmarks.md, session 19).
        message.SplitToTable("OutboxBodies", body =>
        {
            body.Property(m => m.HtmlBody);
            body.Property(m => m.TextBody);
        });
        message.Property(m => m.Kind).HasMaxLength(100);
        message.Property(m => m.ToAddress).HasMaxLength(OutboxMessage.MaxAddressLength);
        message.Property(m => m.ToName).HasMaxLength(200);
        message.Property(m => m.Subject).HasMaxLength(500);
        message.Property(m => m.MessageId).HasMaxLength(300);
        message.Property(m => m.ThreadId).HasMaxLength(300);
        message.Property(m => m.ListId).HasMaxLength(300);
        message.Property(m => m.UnsubscribeUrl).HasMaxLength(2000);
        message.Property(m => m.LastError).HasMaxLength(2000);
        // The sender's claim: what is queued and due, oldest first.
        message.HasIndex(m => new { m.Status, m.NextAttemptAt });
        message.HasIndex(m => m.ClaimToken).HasFilter(@"""ClaimToken"" IS NOT NULL");
        // The administrators' list, newest first.
        message.HasIndex(m => m.CreatedAt);
    }
}

public sealed class MailSuppressionConfiguration : IEntityTypeConfiguration<MailSuppression>
{
    public void Configure(EntityTypeBuilder<MailSuppression> suppression)
    {
        suppression.ToTable("MailSuppressions");
        suppression.HasKey(s => new { s.Address, s.List });
        suppression.Property(s => s.Address).HasMaxLength(OutboxMessage.MaxAddressLength);
        suppression.Property(s => s.List).HasMaxLength(100);
    }
}
