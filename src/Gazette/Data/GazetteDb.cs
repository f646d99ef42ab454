using Gazette.Accounts;
using Gazette.Administration;
using Gazette.Articles;
using Gazette.Comments;
using Gazette.Mail;
using Gazette.Moderation;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Data;

/// <summary>The unit of work and the repository: features query it directly and project what their pages show.</summary>
public sealed class GazetteDb(DbContextOptions<GazetteDb> options) : IdentityDbContext<GazetteUser>(options)
{
    public DbSet<Article> Articles => Set<Article>();
    public DbSet<Author> Authors => Set<Author>();
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<Tag> Tags => Set<Tag>();
    public DbSet<Comment> Comments => Set<Comment>();
    public DbSet<CommentRevision> CommentRevisions => Set<CommentRevision>();
    public DbSet<CommentVote> CommentVotes => Set<CommentVote>();
    public DbSet<ArticleRevision> ArticleRevisions => Set<ArticleRevision>();
    public DbSet<SlugRedirect> SlugRedirects => Set<SlugRedirect>();
    public DbSet<ArticlePin> ArticlePins => Set<ArticlePin>();
    public DbSet<ArticleReadDay> ArticleReadDays => Set<ArticleReadDay>();
    public DbSet<SiteSetting> SiteSettings => Set<SiteSetting>();
    public DbSet<CommentFlag> CommentFlags => Set<CommentFlag>();
    public DbSet<Ban> Bans => Set<Ban>();
    public DbSet<ModerationLogEntry> ModerationLog => Set<ModerationLogEntry>();
    public DbSet<Appeal> Appeals => Set<Appeal>();
    public DbSet<Accounts.Sessions.AccountSession> AccountSessions => Set<Accounts.Sessions.AccountSession>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<MailSuppression> MailSuppressions => Set<MailSuppression>();
    public DbSet<SitePages.SitePage> SitePages => Set<SitePages.SitePage>();
    public DbSet<Import.OldAddress> OldAddresses => Set<Import.OldAddress>();
    public DbSet<Live.LiveEvent> LiveEvents => Set<Live.LiveEvent>();
    public DbSet<Newsroom.EditorDraft> EditorDrafts => Set<Newsroom.EditorDraft>();
    public DbSet<Media.LibraryImage> LibraryImages => Set<Media.LibraryImage>();
    public DbSet<ArticleNote> ArticleNotes => Set<ArticleNote>();
    public DbSet<ArticleByline> ArticleBylines => Set<ArticleByline>();
    public DbSet<Newsroom.EditorPresence> EditorPresences => Set<Newsroom.EditorPresence>();

    /// <summary>Every comment saved keeps the fingerprints of its text (<see cref="Comment.KeepFingerprints"/>), whoever changed it.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        KeepFingerprints();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        KeepFingerprints();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private void KeepFingerprints()
    {
        foreach (var entry in ChangeTracker.Entries<Comment>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified)
            {
                entry.Entity.KeepFingerprints();
            }
        }
        // Names that belong to someone are looked up by their skeleton, whoever saved them (sign-up, profile, newsroom, import).
        foreach (var entry in ChangeTracker.Entries<GazetteUser>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified)
            {
                entry.Entity.KeepNameSkeleton();
            }
        }
        foreach (var entry in ChangeTracker.Entries<Author>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified)
            {
                entry.Entity.KeepNameSkeleton();
            }
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder conventions)
    {
        // Every time is stored in UTC; say so when reading, or SQLite hands back 'Unspecified' times.
        conventions.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        conventions.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder model)
    {
        base.OnModelCreating(model);
        model.ApplyConfiguration(new OutboxMessageConfiguration());
        model.ApplyConfiguration(new MailSuppressionConfiguration());
        model.ApplyConfiguration(new SitePages.SitePageConfiguration());
        Notifications.NotificationsModel.Configure(model);
        Live.LiveEvent.Configure(model);
        Newsroom.EditorDraft.Configure(model);
        Media.LibraryImage.Configure(model);
        ArticleNote.Configure(model);
        ArticleByline.Configure(model);
        Newsroom.EditorPresence.Configure(model);
        model.Entity<GazetteUser>().Property(u => u.DisplayName).HasMaxLength(GazetteUser.MaxDisplayNameLength);
        model.Entity<GazetteUser>().Property(u => u.DisplayNameSkeleton).HasMaxLength(Core.Accounts.NameSkeleton.MaxLength);
        model.Entity<GazetteUser>().HasIndex(u => u.DisplayNameSkeleton);
        model.Entity<GazetteUser>().Property(u => u.AvatarPath).HasMaxLength(300);
        model.Entity<Accounts.Sessions.AccountSession>(session =>
        {
            session.Property(s => s.Id).HasMaxLength(Accounts.Sessions.AccountSession.IdLength);
            session.HasIndex(s => s.UserId);
            session.HasOne<GazetteUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<Article>(article =>
        {
            article.Property(a => a.Slug).HasMaxLength(200);
            article.HasIndex(a => a.Slug).IsUnique();
            article.Property(a => a.Title).HasMaxLength(300);
            article.HasIndex(a => new { a.Status, a.PublishedAt });
            // An imported article by its id on the old site, once per source: importing the same file again finds it.
            article.Property(a => a.Source).HasMaxLength(Import.ImportSources.MaxLength);
            article.HasIndex(a => new { a.Source, a.SourceId }).IsUnique().HasFilter(@"""SourceId"" IS NOT NULL");
            article.OwnsOne(a => a.Image, image =>
            {
                image.Property(i => i.Path).HasMaxLength(300);
                image.Property(i => i.Alt).HasMaxLength(500);
            });
            article.HasOne(a => a.Author).WithMany().OnDelete(DeleteBehavior.Restrict);
            article.HasOne(a => a.Category).WithMany().OnDelete(DeleteBehavior.SetNull);
            article.HasMany(a => a.Tags).WithMany(t => t.Articles).UsingEntity("ArticleTags");
        });

        model.Entity<Import.OldAddress>(address =>
        {
            address.Property(a => a.Path).HasMaxLength(Import.OldAddress.MaxPathLength);
            address.HasIndex(a => a.Path).IsUnique();
            address.HasOne<Article>().WithMany().HasForeignKey(a => a.ArticleId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<Author>(author =>
        {
            author.Property(a => a.Slug).HasMaxLength(200);
            author.HasIndex(a => a.Slug).IsUnique();
            // No foreign key to the user: adding one would make SQLite rebuild the table. Deleting an account clears it.
            author.HasIndex(a => a.UserId).IsUnique();
            author.Property(a => a.NameSkeleton).HasMaxLength(Core.Accounts.NameSkeleton.MaxLength);
            author.HasIndex(a => a.NameSkeleton);
        });

        model.Entity<ArticleRevision>(revision =>
        {
            revision.HasOne<Article>().WithMany().HasForeignKey(r => r.ArticleId).OnDelete(DeleteBehavior.Cascade);
            revision.HasIndex(r => new { r.ArticleId, r.SavedAt });
            revision.Property(r => r.Title).HasMaxLength(300);
            revision.Property(r => r.Slug).HasMaxLength(200);
        });
        model.Entity<SlugRedirect>(redirect =>
        {
            redirect.Property(r => r.OldSlug).HasMaxLength(200);
            redirect.HasIndex(r => r.OldSlug).IsUnique();
            redirect.HasOne<Article>().WithMany().HasForeignKey(r => r.ArticleId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<ArticlePin>(pin =>
        {
            pin.HasKey(p => new { p.ArticleId, p.Kind, p.Position });
            pin.HasOne<Article>().WithMany().HasForeignKey(p => p.ArticleId).OnDelete(DeleteBehavior.Cascade);
            pin.HasOne<Article>().WithMany().HasForeignKey(p => p.PinnedArticleId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<ArticleReadDay>(reads =>
        {
            reads.HasKey(r => new { r.ArticleId, r.Day });
            reads.HasIndex(r => r.Day);
            reads.HasOne<Article>().WithMany().HasForeignKey(r => r.ArticleId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<CommentFlag>(flag =>
        {
            flag.Property(f => f.ReaderKey).HasMaxLength(100);
            flag.Property(f => f.Note).HasMaxLength(500);
            flag.HasIndex(f => new { f.CommentId, f.ReaderKey }).IsUnique();
            flag.HasOne<Comment>().WithMany().HasForeignKey(f => f.CommentId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<Ban>(ban =>
        {
            ban.Property(b => b.Value).HasMaxLength(320);
            ban.HasIndex(b => new { b.Kind, b.Value });
        });
        model.Entity<ModerationLogEntry>(entry =>
        {
            entry.HasIndex(e => e.At);
            entry.HasIndex(e => e.CommentId);
        });
        model.Entity<Appeal>(appeal =>
        {
            appeal.Property(a => a.Text).HasMaxLength(2000);
            appeal.HasIndex(a => new { a.Status, a.CreatedAt });
            appeal.HasOne<Comment>().WithMany().HasForeignKey(a => a.CommentId).OnDelete(DeleteBehavior.Cascade);
        });
        // The moderation queue: what waits, newest first.
        model.Entity<Comment>().HasIndex(c => new { c.Status, c.CreatedAt });
        model.Entity<Comment>(comment =>
        {
            comment.Property(c => c.FeaturedBy).HasMaxLength(GazetteUser.MaxDisplayNameLength);
            comment.Property(c => c.FeaturedNote).HasMaxLength(Comment.MaxFeaturedNoteLength);
            // The editors' picks of a discussion, newest pick first.
            comment.HasIndex(c => new { c.ArticleId, c.FeaturedAt });
        });

        model.Entity<SiteSetting>(setting =>
        {
            setting.HasKey(s => s.Key);
            setting.Property(s => s.Key).HasMaxLength(200);
        });
        model.Entity<Category>(category =>
        {
            category.Property(c => c.Slug).HasMaxLength(200);
            category.HasIndex(c => c.Slug).IsUnique();
        });
        model.Entity<Tag>(tag =>
        {
            tag.Property(t => t.Slug).HasMaxLength(200);
            tag.HasIndex(t => t.Slug).IsUnique();
        });

        model.Entity<Comment>(comment =>
        {
            comment.Property(c => c.AuthorName).HasMaxLength(200);
            comment.Property(c => c.AuthorEmail).HasMaxLength(320);
            // Top-level comments of an article in reading order: the page of threads.
            comment.HasIndex(c => new { c.ArticleId, c.ParentId, c.CreatedAt });
            // Every reply under the top-level comments of that page, as deep as the page shows them, in one look-up.
            comment.HasIndex(c => new { c.RootId, c.Depth });
            // A comment's replies in reading order, with the status that says whether a page shows them: counted, and the
            // first of them chosen, from the index alone, however many there are (the comment budget).
            comment.HasIndex(c => new { c.ParentId, c.CreatedAt, c.Id, c.Status });
            // News of the week counts recent comments.
            comment.HasIndex(c => c.CreatedAt);
            // Imports find a comment they brought in by its id there; comments written here have none, and skip the index.
            comment.Property(c => c.Source).HasMaxLength(Import.ImportSources.MaxLength);
            comment.HasIndex(c => new { c.Source, c.SourceId }).IsUnique().HasFilter(@"""SourceId"" IS NOT NULL");
            // Screening a post looks its writer up, one probe per question and identity. Have they had a comment approved
            // (first-comment hold, spam score; the moderators' author pages too): a seek on account, guest cookie or
            // e-mail, and status. Did they post the same text lately (the duplicate rule): a seek on the body's fingerprint
            // as that writer wrote it, and time; no identity column, so that neither database can take an identity's index
            // for it and read the writer's history. All partial: most comments lack one identity or another (imported ones
            // have neither account nor cookie), and an index of only the rows that have it keeps statistics that say a probe
            // finds a few rows, never the table. lower(AuthorEmail) is an expression EF Core cannot index: the migration
            // WritePathIndexes makes that index in SQL both databases understand.
            comment.HasIndex(c => new { c.UserId, c.Status }).HasFilter(@"""UserId"" IS NOT NULL");
            comment.HasIndex(c => new { c.GuestKeyHash, c.Status }).HasFilter(@"""GuestKeyHash"" IS NOT NULL");
            comment.HasIndex(c => new { c.WriterFingerprint, c.CreatedAt }).HasFilter(@"""WriterFingerprint"" IS NOT NULL");
            comment.HasIndex(c => new { c.EmailFingerprint, c.CreatedAt }).HasFilter(@"""EmailFingerprint"" IS NOT NULL");
            comment.HasOne<Article>().WithMany().HasForeignKey(c => c.ArticleId).OnDelete(DeleteBehavior.Cascade);
            comment.HasOne(c => c.Parent).WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Restrict);
            comment.HasOne(c => c.Root).WithMany().HasForeignKey(c => c.RootId).OnDelete(DeleteBehavior.Restrict);
            comment.HasOne<GazetteUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.SetNull);
            comment.Property(c => c.GuestKeyHash).HasMaxLength(64);
            comment.Property(c => c.IpHash).HasMaxLength(64);
            comment.HasMany(c => c.Revisions).WithOne().HasForeignKey(r => r.CommentId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<CommentVote>(vote =>
        {
            vote.Property(v => v.VoterKey).HasMaxLength(100);
            vote.Property(v => v.IpHash).HasMaxLength(64);
            // One vote per reader per comment, enforced by the database even when two requests race.
            vote.HasIndex(v => new { v.CommentId, v.VoterKey }).IsUnique();
            vote.HasIndex(v => new { v.CommentId, v.IpHash });
            vote.HasOne<Comment>().WithMany().HasForeignKey(v => v.CommentId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
