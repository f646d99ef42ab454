using System.Net;
using Gazette.Comments;
using Gazette.Moderation;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Gazette.Tests.Moderation.Screening.ScreeningSite;

namespace Gazette.Tests.Moderation.Screening;

/// <summary>
/// Bans as the screening reads them (moderators make them on their own pages): by account, email, IP address or
/// browser, told to the writer with the reason and the end; shadow bans told to nobody; ended bans no longer count.
/// </summary>
public sealed class BanScreeningTests(ScreeningSite site) : IClassFixture<ScreeningSite>
{
    private DateTime Now => site.Clock.GetUtcNow().UtcDateTime;

    private Task<int> BanAsync(BanKind kind, string value, string reason, DateTime? expiresAt = null, bool shadow = false, DateTime? liftedAt = null) =>
        site.WithDbAsync(async db =>
        {
            var ban = new Ban
            {
                Kind = kind,
                Value = value,
                Reason = reason,
                Shadow = shadow,
                CreatedAt = Now,
                ExpiresAt = expiresAt,
                LiftedAt = liftedAt,
                CreatedByName = "Mo Derator",
            };
            db.Bans.Add(ban);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            return ban.Id;
        });

    /// <summary>The hash of this browser's guest key, as its comments store it (a first comment gives the browser its key).</summary>
    private async Task<string> GuestKeyOfAsync(FormClient browser)
    {
        var id = await PostedIdAsync(browser, $"Hello, {Guid.NewGuid():N}.");
        return (await site.CommentAsync(id)).GuestKeyHash!;
    }

    [Fact]
    public async Task AnAccountBanIsToldWithItsReasonAndEndAndTheTextStays()
    {
        var user = await site.EnsureUserAsync("banned-member@example.com", "Banned Member");
        using var member = await site.SignInAsStaffAsync("banned-member@example.com");
        await BanAsync(BanKind.Account, user.Id, "repeated personal attacks", expiresAt: new DateTime(2026, 4, 1, 9, 30, 0, DateTimeKind.Utc));

        using var response = await PostAsync(member, "Let me explain myself.");

        var page = await member.ReadPageAsync(response, expectedStatus: 403);
        Assert.Equal("You can't comment here: repeated personal attacks. Until April 1, 2026 at 09:30 (UTC).",
            page.QuerySelector(".form-errors")!.TextContent.Trim());
        Assert.Equal("Let me explain myself.", TextareaValue(page));
    }

    [Fact]
    public async Task AnEmailBanCatchesTheAddressWhateverItsCaseAndIsPermanentWithoutAnEnd()
    {
        using var guest = site.Browser();
        using var someoneElse = site.Browser();
        await BanAsync(BanKind.Email, "troll@example.org", "spam");

        using var banned = await PostAsync(guest, "Hi again.", email: " Troll@Example.org ");
        using var fine = await PostAsync(someoneElse, "Hi again.", email: "friend@example.org");

        var page = await guest.ReadPageAsync(banned, expectedStatus: 403);
        Assert.Equal("You can't comment here: spam. Permanently.", page.QuerySelector(".form-errors")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.Redirect, fine.StatusCode);
    }

    [Fact]
    public async Task AnIpBanRefusesTheApiWith403()
    {
        using var script = site.Script("198.51.100.23");
        using var neighbour = site.Script("198.51.100.24");
        var ipHash = (await site.CommentAsync(await script.CommentAsync(Slug, "Before the ban."))).IpHash!;
        await BanAsync(BanKind.Ip, ipHash, "flooding", expiresAt: Now.AddHours(1));

        using var response = await script.PostAsync($"/api/v1/articles/{Slug}/comments", new { body = "After the ban." });
        var fromNeighbour = await neighbour.CommentAsync(Slug, "From next door.");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.StartsWith("You can't comment here: flooding. Until ", (await ApiClient.JsonAsync(response)).GetProperty("detail").GetString());
        Assert.Equal(CommentStatus.Approved, (await site.CommentAsync(fromNeighbour)).Status);
    }

    [Fact]
    public async Task ABrowserBanCatchesTheGuestKeyAndTheBannedCannotEditEither()
    {
        using var guest = site.Browser();
        var key = await GuestKeyOfAsync(guest);
        var earlier = await PostedIdAsync(guest, "An earlier comment, still in its edit window.");
        await BanAsync(BanKind.Guest, key, "trolling");

        using var response = await PostAsync(guest, "Can I still post?");
        var edit = await guest.GetFormAsync($"/comments/{earlier}/edit", "form.comment-form");
        using var edited = await edit.Set("Body", "Or edit?").SubmitAsync();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, edited.StatusCode);
        Assert.Equal("An earlier comment, still in its edit window.", (await site.CommentAsync(earlier)).Body);
    }

    [Fact]
    public async Task AnEndedOrLiftedBanNoLongerApplies()
    {
        using var expired = site.Browser();
        using var lifted = site.Browser();
        await BanAsync(BanKind.Guest, await GuestKeyOfAsync(expired), "cooling off", expiresAt: Now.AddMinutes(-1));
        await BanAsync(BanKind.Guest, await GuestKeyOfAsync(lifted), "mistake", liftedAt: Now.AddMinutes(-1));

        using var afterExpiry = await PostAsync(expired, "Back after the break.");
        using var afterLifting = await PostAsync(lifted, "Back after the appeal.");

        Assert.Equal(HttpStatusCode.Redirect, afterExpiry.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, afterLifting.StatusCode);
    }

    [Fact]
    public async Task ABanEndsWhenItsTimeComes()
    {
        using var guest = site.Browser();
        await BanAsync(BanKind.Guest, await GuestKeyOfAsync(guest), "one hour out", expiresAt: Now.AddHours(1));

        using var during = await PostAsync(guest, "Still here?");
        site.Clock.Advance(TimeSpan.FromHours(1));
        using var after = await PostAsync(guest, "Still here!");

        Assert.Equal(HttpStatusCode.Forbidden, during.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    [Fact]
    public async Task AShadowBannedWriterSeesTheirCommentAsPublishedAndNobodyElseDoes()
    {
        using var shadowed = site.Browser();
        using var other = await site.ParticipantAsync();
        await BanAsync(BanKind.Guest, await GuestKeyOfAsync(shadowed), "sock puppet", shadow: true);
        var before = await site.StoredCountAsync();

        var id = await PostedIdAsync(shadowed, "Nobody will ever know.");
        using var permalink = await shadowed.Http.GetAsync($"/comments/{id}", TestContext.Current.CancellationToken);
        var ownView = await shadowed.FollowAsync(permalink);

        var shown = ownView.GetElementById($"comment-{id}")!;
        Assert.Equal("Nobody will ever know.", shown.QuerySelector(".comment-text")!.TextContent);
        Assert.Null(shown.QuerySelector(".comment-held"));
        Assert.NotNull(shown.QuerySelector("a.edit"));
        Assert.Null((await other.GetPageAsync(ScreeningSite.Open)).GetElementById($"comment-{id}"));
        Assert.Null((await site.GetPageAsync(ScreeningSite.Open)).GetElementById($"comment-{id}"));
        var comment = await site.CommentAsync(id);
        Assert.Equal(CommentStatus.Spam, comment.Status);
        var reason = Assert.Single((await site.RecordAsync(id)).Reasons);
        Assert.Equal("shadow-ban", reason.Rule);
        Assert.Contains("sock puppet", reason.Explanation);
        Assert.Equal(before, await site.StoredCountAsync());
    }

    [Fact]
    public async Task AShadowBannedWritersCommentDisappearsForThemTooOnceAModeratorDecides()
    {
        using var shadowed = site.Browser();
        await BanAsync(BanKind.Guest, await GuestKeyOfAsync(shadowed), "spam bot", shadow: true);
        var id = await PostedIdAsync(shadowed, "Buy my things.");

        await site.WithDbAsync(db => db.Comments.Where(c => c.Id == id)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.ModeratedAt, Now).SetProperty(c => c.ModeratedBy, "Mo Derator")));

        Assert.Null((await shadowed.GetPageAsync(ScreeningSite.Open)).GetElementById($"comment-{id}"));
    }
}
