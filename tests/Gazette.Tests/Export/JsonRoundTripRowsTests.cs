using Gazette.Data;
using Gazette.Notifications;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Export;

/// <summary>
/// Issue 13, "Lossless export": what was added to Gazette after the export was first written arrives in the new site
/// row by row, field by field, not only as the same export file.
/// </summary>
public sealed class JsonRoundTripRowsTests
{
    [Fact]
    public async Task PicksLibraryImagesAvatarsDraftsAndMailChoicesArriveInTheNewSiteFieldByField()
    {
        await using var source = new GazetteFactory();
        await RichSite.SeedAsync(source);
        var file = await JsonRoundTripTests.ExportAsync(source);
        await using var target = new EmptyGazetteFactory();

        var report = await JsonRoundTripTests.ImportAsync(target, file);

        Assert.True(report.Failure is null, report.ToText());
        Assert.Empty(report.Skipped.Listed);
        var want = await source.WithDbAsync(RowsAsync);
        var got = await target.WithDbAsync(RowsAsync);
        Assert.Equal(want.Picks, got.Picks);
        Assert.Equal(2, want.Picks.Count);
        Assert.Equal(want.Library, got.Library);
        Assert.Equal(2, want.Library.Count);
        Assert.Equal(want.Avatars, got.Avatars);
        Assert.Single(want.Avatars);
        Assert.Equal(want.Drafts, got.Drafts);
        Assert.Equal(2, want.Drafts.Count);
        Assert.Equal(want.Notes, got.Notes);
        Assert.NotEmpty(want.Notes);
        Assert.Equal(want.Addresses, got.Addresses);
        Assert.Equal(2, want.Addresses.Count);
        Assert.Equal(want.Follows, got.Follows);
        Assert.Equal(2, want.Follows.Count);
        // Everything but the replies feed's secret address, which the member takes anew (JsonExport.LeftOut).
        Assert.Equal(want.Members.Select(m => m with { FeedToken = null }), got.Members);
        Assert.Contains(want.Members, m => m.FeedToken is not null);
    }

    private sealed record Rows(
        List<string> Picks, List<string> Library, List<string> Avatars, List<string> Drafts, List<string> Notes,
        List<string> Addresses, List<string> Follows, List<Member> Members);

    private sealed record Member(string UserId, string? FeedToken, bool NewComments, bool QueueAlerts, bool Appeals, DateTime? LastDigestAt, int DigestCommentId);

    /// <summary>The rows with every field, as text (entities have no equality of their own).</summary>
    private static async Task<Rows> RowsAsync(GazetteDb db)
    {
        var cancellation = TestContext.Current.CancellationToken;
        return new Rows(
            (await db.Comments.AsNoTracking().Where(c => c.FeaturedAt != null).OrderBy(c => c.Id).ToListAsync(cancellation))
                .Select(c => $"{c.Id} {c.Status} {c.FeaturedAt:O} {c.FeaturedBy} {c.FeaturedNote}").ToList(),
            (await db.LibraryImages.AsNoTracking().OrderBy(i => i.Id).ToListAsync(cancellation))
                .Select(i => $"{i.Id} {i.Path} {i.Width}x{i.Height} {i.Kind} {i.FileName} {i.Alt} {i.UploadedAt:O} {i.UploadedByUserId}").ToList(),
            await db.Users.AsNoTracking().Where(u => u.AvatarPath != null).OrderBy(u => u.Id).Select(u => u.Id + " " + u.AvatarPath).ToListAsync(cancellation),
            (await db.EditorDrafts.AsNoTracking().OrderBy(d => d.Id).ToListAsync(cancellation))
                .Select(d => $"{d.Id} {d.UserId} {d.Key} {d.ArticleId} {d.SavedAt:O} {d.Title} {d.Slug} {d.Excerpt} {d.BodyMarkdown}").ToList(),
            (await db.ArticleNotes.AsNoTracking().OrderBy(n => n.Id).ToListAsync(cancellation))
                .Select(n => $"{n.Id} {n.ArticleId} {n.Kind} {n.At:O} {n.Text}").ToList(),
            (await db.Set<NotifyAddress>().AsNoTracking().ToListAsync(cancellation)).OrderBy(a => a.Address, StringComparer.Ordinal)
                .Select(a => $"{a.Address} {a.ConfirmedAt:O} {a.ConfirmationSentAt:O}").ToList(),
            (await db.Set<DiscussionFollow>().AsNoTracking().OrderBy(f => f.Id).ToListAsync(cancellation))
                .Select(f => $"{f.Id} {f.ArticleId} {f.UserId} {f.Address} {f.CreatedAt:O} {f.LastCommentId} {f.LastMailedAt:O}").ToList(),
            (await db.Set<NotifyMember>().AsNoTracking().ToListAsync(cancellation)).OrderBy(m => m.UserId, StringComparer.Ordinal)
                .Select(m => new Member(m.UserId, m.FeedToken, m.NewComments, m.QueueAlerts, m.Appeals, m.LastDigestAt, m.DigestCommentId)).ToList());
    }
}
