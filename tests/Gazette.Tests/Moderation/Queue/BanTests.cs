using System.Net;
using Gazette.Comments;
using Gazette.Infrastructure;
using Gazette.Moderation;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Moderation.Queue;

/// <summary>Bans made from a comment or by hand, with an end or none, listed while in force and after, and lifted.</summary>
public sealed class BanTests(QueueSite site) : IClassFixture<QueueSite>
{
    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task ABanFromACommentIsFilledInWithThatCommentsIdentities()
    {
        var (article, _) = await site.ArticleAsync("Ban from comment story");
        var member = await site.EnsureUserAsync("banned.member@example.com", "Banned Member");
        var guestHash = new string('d', 64);
        var ipHash = new string('e', 64);
        var memberComment = await site.CommentAsync(article, "From an account.", author: "Banned Member", userId: member.Id, ipHash: ipHash);
        var guestComment = await site.CommentAsync(article, "From a guest.", author: "Guesty", email: "Guesty@Example.com", guestKeyHash: guestHash, ipHash: ipHash);
        using var moderator = await site.ModeratorAsync();

        var forMember = await moderator.GetPageAsync($"/admin/moderation/bans/new?comment={memberComment}");
        var forGuest = await moderator.GetFormAsync($"/admin/moderation/bans/new?comment={guestComment}", "form.ban-form");

        Assert.Equal(["Account", "Ip"], forMember.QuerySelectorAll("input[name='Input.Kind']").Select(i => i.GetAttribute("value")!).ToArray());
        Assert.Contains("Banned Member (banned.member@example.com)", forMember.QuerySelector("label[for='kind-Account']")!.TextContent);
        Assert.Equal(("Guest", "Guesty"), (forGuest["Input.Kind"], forGuest["Input.Label"]));

        using var banned = await forGuest.Set("Input.Kind", "Email").Set("Input.Reason", "Advertising again.").Set("Input.Duration", "168").SubmitAsync();

        Assert.Equal(HttpStatusCode.Redirect, banned.StatusCode);
        var list = await moderator.FollowAsync(banned);
        var ban = await site.WithDbAsync(db => db.Bans.OrderByDescending(b => b.Id).FirstAsync(Cancel));
        Assert.Equal((BanKind.Email, "guesty@example.com", "Advertising again.", false), (ban.Kind, ban.Value, ban.Reason, ban.Shadow));
        Assert.Equal(GazetteFactory.Now.UtcDateTime.AddDays(7), ban.ExpiresAt);
        Assert.Equal("moderator", ban.CreatedByName);
        var row = list.QuerySelector($"tr[data-ban-id='{ban.Id}']")!;
        Assert.Equal("guesty@example.com", row.QuerySelector(".ban-who")!.TextContent);
        Assert.StartsWith("Ends", row.QuerySelector(".ban-end")!.TextContent.Trim());
        var entry = await site.WithDbAsync(db => db.ModerationLog.SingleAsync(e => e.BanId == ban.Id, Cancel));
        Assert.Equal(("ban", "Advertising again."), (entry.Action, entry.Note));
    }

    [Fact]
    public async Task ACommentWithNothingToBanItsAuthorByOffersNoChoiceAndBansNothing()
    {
        var (article, _) = await site.ArticleAsync("Nothing to ban story");
        var imported = await site.CommentAsync(article, "Imported, with no identity kept.");
        using var moderator = await site.ModeratorAsync();
        var form = await moderator.GetFormAsync($"/admin/moderation/bans/new?comment={imported}", "form.ban-form");

        using var refused = await form.Set("Input.Reason", "Old troll.").SubmitAsync();

        Assert.Contains("nothing to ban its author by", form.Element.TextContent);
        Assert.Contains("Choose what to ban.", (await moderator.ReadPageAsync(refused, 400)).QuerySelector(".form-errors")!.TextContent);
        Assert.Equal(0, await site.WithDbAsync(db => db.Bans.CountAsync(b => b.Reason == "Old troll.", Cancel)));
    }

    [Fact]
    public async Task AnIpAddressTypedByHandIsStoredOnlyAsItsHash()
    {
        using var moderator = await site.ModeratorAsync();
        var form = await moderator.GetFormAsync("/admin/moderation/bans/new", "form.ban-form");

        using var banned = await form.Set("Input.Kind", "Ip").Set("Input.Value", "198.51.100.23").Set("Input.Reason", "Flooding.")
            .Check("Input.Shadow").SubmitAsync();

        Assert.Equal(HttpStatusCode.Redirect, banned.StatusCode);
        var expected = site.Services.GetRequiredService<IpHasher>().Hash(IPAddress.Parse("198.51.100.23"));
        var ban = await site.WithDbAsync(db => db.Bans.SingleAsync(b => b.Reason == "Flooding.", Cancel));
        Assert.Equal((BanKind.Ip, expected, true, (DateTime?)null), (ban.Kind, ban.Value, ban.Shadow, ban.ExpiresAt));
        var log = await site.WithDbAsync(db => db.ModerationLog.Where(e => e.BanId == ban.Id).Select(e => e.After).SingleAsync(Cancel));
        Assert.DoesNotContain("198.51.100.23", log);
    }

    [Fact]
    public async Task AnAccountIsBannedByItsEmailAndABanCanEndOnADate()
    {
        var member = await site.EnsureUserAsync("dated.ban@example.com", "Dated Ban");
        using var moderator = await site.ModeratorAsync();
        var form = await moderator.GetFormAsync("/admin/moderation/bans/new", "form.ban-form");

        using var banned = await form.Set("Input.Kind", "Account").Set("Input.Value", "Dated.Ban@example.com").Set("Input.Reason", "Trolling.")
            .Set("Input.Until", "2026-04-01").SubmitAsync();

        Assert.Equal(HttpStatusCode.Redirect, banned.StatusCode);
        var ban = await site.WithDbAsync(db => db.Bans.SingleAsync(b => b.Reason == "Trolling.", Cancel));
        Assert.Equal((BanKind.Account, member.Id, "Dated Ban", new DateTime(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc)), (ban.Kind, ban.Value, ban.Label, ban.ExpiresAt));
    }

    [Fact]
    public async Task WrongBansAreRefusedWithTheReasonAndWhatWasTypedKept()
    {
        using var moderator = await site.ModeratorAsync();
        var form = await moderator.GetFormAsync("/admin/moderation/bans/new", "form.ban-form");

        using var noReason = await form.Set("Input.Kind", "Email").Set("Input.Value", "not an email").Set("Input.Duration", "24").Set("Input.Until", "2020-01-01").SubmitAsync();
        var page = await moderator.ReadPageAsync(noReason, 400);
        var again = moderator.Form(page, "form.ban-form");
        Assert.Equal("not an email", again["Input.Value"]);
        using var pastDate = await again.Set("Input.Value", "fine@example.com").Set("Input.Reason", "Spam.").Set("Input.Duration", "").SubmitAsync();
        var past = await moderator.ReadPageAsync(pastDate, 400);
        using var unknownAccount = await moderator.Form(past, "form.ban-form").Set("Input.Kind", "Account").Set("Input.Value", "nobody@example.com").Set("Input.Until", "").SubmitAsync();
        var unknown = await moderator.ReadPageAsync(unknownAccount, 400);

        var errors = page.QuerySelectorAll(".form-errors li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Contains("That is not an e-mail address.", errors);
        Assert.Contains("Choose a duration or an end date, not both.", errors);
        Assert.Contains(errors, e => e.StartsWith("Say why", StringComparison.Ordinal));
        Assert.Contains("The end date has to be in the future.", past.QuerySelector(".form-errors")!.TextContent);
        Assert.Contains("No account has this e-mail address or id.", unknown.QuerySelector(".form-errors")!.TextContent);
        Assert.Equal(0, await site.WithDbAsync(db => db.Bans.CountAsync(b => b.Value == "fine@example.com" || b.Reason == "Spam.", Cancel)));
    }

    [Fact]
    public async Task BansAreListedWhileInForceThenAsEndedWhenTheyExpireOrAreLifted()
    {
        await using var fresh = new QueueSite();
        await fresh.WithDbAsync(async db =>
        {
            db.Bans.AddRange(
                new Ban { Kind = BanKind.Email, Value = "for-good@example.com", Reason = "For good", CreatedAt = QueueSite.At },
                new Ban { Kind = BanKind.Email, Value = "an-hour@example.com", Reason = "An hour", CreatedAt = QueueSite.At, ExpiresAt = GazetteFactory.Now.UtcDateTime.AddHours(1) },
                new Ban { Kind = BanKind.Email, Value = "over@example.com", Reason = "Over", CreatedAt = QueueSite.At, ExpiresAt = GazetteFactory.Now.UtcDateTime.AddHours(-1) });
            await db.SaveChangesAsync(Cancel);
        });
        using var moderator = await fresh.ModeratorAsync();
        Assert.Equal(["an-hour@example.com", "for-good@example.com"], await WhoAsync(moderator, "/admin/moderation/bans"));
        Assert.Equal(["over@example.com"], await WhoAsync(moderator, "/admin/moderation/bans?show=ended"));

        fresh.Clock.Advance(TimeSpan.FromHours(2));
        var list = await moderator.GetPageAsync("/admin/moderation/bans");
        var forGood = list.QuerySelectorAll("tr.ban-row").Single(r => r.QuerySelector(".ban-who")!.TextContent == "for-good@example.com");
        using var lifted = await QueueSite.Press(moderator, moderator.Form(list, $"tr[data-ban-id='{forGood.GetAttribute("data-ban-id")}'] form"), "lift", forGood.GetAttribute("data-ban-id")!);

        Assert.Equal("The ban is lifted.", (await moderator.FollowAsync(lifted)).QuerySelector(".form-done")!.TextContent);
        Assert.Empty(await WhoAsync(moderator, "/admin/moderation/bans"));
        Assert.Equal(["over@example.com", "an-hour@example.com", "for-good@example.com"], await WhoAsync(moderator, "/admin/moderation/bans?show=ended"));
        var endedPage = await moderator.GetPageAsync("/admin/moderation/bans?show=ended");
        Assert.StartsWith("Lifted", endedPage.QuerySelectorAll("tr.ban-row").Single(r => r.QuerySelector(".ban-who")!.TextContent == "for-good@example.com").QuerySelector(".ban-end")!.TextContent.Trim());
        Assert.StartsWith("Expired", endedPage.QuerySelectorAll("tr.ban-row").Single(r => r.QuerySelector(".ban-who")!.TextContent == "an-hour@example.com").QuerySelector(".ban-end")!.TextContent.Trim());
        var entry = await fresh.WithDbAsync(db => db.ModerationLog.SingleAsync(e => e.Action == "unban", Cancel));
        Assert.Equal("lifted", entry.After);
    }

    private static async Task<List<string>> WhoAsync(FormClient browser, string url) =>
        (await browser.GetPageAsync(url)).QuerySelectorAll("tr.ban-row .ban-who").Select(td => td.TextContent).ToList();
}
