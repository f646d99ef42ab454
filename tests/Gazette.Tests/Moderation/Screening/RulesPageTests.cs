using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Gazette.Comments;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Gazette.Tests.Moderation.Screening.ScreeningSite;

namespace Gazette.Tests.Moderation.Screening;

/// <summary>/admin/moderation/rules: administrators edit the lists and limits, which apply to the very next comment.</summary>
public sealed class RulesPageTests(ScreeningSite site) : IClassFixture<ScreeningSite>
{
    private const string Url = "/admin/moderation/rules";

    [Fact]
    public async Task TheFormShowsTheRulesInForceOneEntryALine()
    {
        await site.UseRulesAsync();
        using var admin = await site.SignInAsAdministratorAsync();

        var form = await admin.GetFormAsync(Url, "main form.rules-form");

        Assert.Equal(BannedWords, form["Input.BannedWords"]);
        Assert.StartsWith("idiot*\nmoron*\n", form["Input.SuspectWords"]);
        Assert.Equal("Reject", form["Input.BannedWordsAction"]);
        Assert.Equal("2", form["Input.MaxLinks"]);
        Assert.Equal("60", form["Input.DuplicateWindowMinutes"]);
        Assert.Equal("0", form["Input.MinSecondsBeforePost"]); // the tests' own setting
        Assert.Equal("0.7", form["Input.SpamScoreHoldThreshold"]);
        Assert.False(form.Element.QuerySelector<IHtmlInputElement>("input[type=checkbox][name='Input.HoldFirstComment']")!.IsChecked);
    }

    [Fact]
    public async Task AListSavedOnThePageAppliesToTheNextComment()
    {
        await site.UseRulesAsync();
        using var admin = await site.SignInAsAdministratorAsync();
        using var reader = site.Browser();
        var form = await admin.GetFormAsync(Url, "main form.rules-form");

        using var saved = await form.Set("Input.BannedWords", "  kumquat \r\n\r\nmuppet*\r\nkumquat\r\n").SubmitAsync();
        var after = await admin.FollowAsync(saved);
        using var refused = await PostAsync(reader, "A Kumquat, of all fruit.");
        using var nowFine = await PostAsync(reader, "You rapist of fruit.");

        Assert.Equal("Rules saved.", after.QuerySelector(".form-done")!.TextContent);
        Assert.Equal("kumquat\nmuppet*", admin.Form(after, "main form.rules-form")["Input.BannedWords"]);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, nowFine.StatusCode);
        Assert.Equal("kumquat\nmuppet*",
            await site.WithDbAsync(db => db.SiteSettings.Where(s => s.Key == "Moderation:BannedWords").Select(s => s.Value).SingleAsync()));
    }

    [Fact]
    public async Task HoldingInsteadOfRefusingBannedWordsTakesEffectAtOnce()
    {
        await site.UseRulesAsync();
        using var admin = await site.SignInAsAdministratorAsync();
        using var reader = site.Browser();
        var form = await admin.GetFormAsync(Url, "main form.rules-form");

        using var saved = await form.Set("Input.BannedWordsAction", "Hold").SubmitAsync();
        var id = await PostedIdAsync(reader, "Only a muppet would say so.");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(CommentStatus.Pending, (await site.CommentAsync(id)).Status);
        var reason = Assert.Single((await site.RecordAsync(id)).Reasons);
        Assert.Equal("banned-words", reason.Rule);
        Assert.Equal(["muppet"], reason.Matches);
    }

    [Fact]
    public async Task EmptyingTheSuspectListAndRaisingTheLinkLimitPublishWhatWasHeld()
    {
        await site.UseRulesAsync();
        using var admin = await site.SignInAsAdministratorAsync();
        using var reader = site.Browser();
        var form = await admin.GetFormAsync(Url, "main form.rules-form");

        using var saved = await form.Set("Input.SuspectWords", "").Set("Input.MaxLinks", "5").SubmitAsync();
        var id = await PostedIdAsync(reader, "Crap links: https://a.example/1 https://a.example/2 https://a.example/3 and some words around them.");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(CommentStatus.Approved, (await site.CommentAsync(id)).Status);
    }

    [Fact]
    public async Task HoldingFirstCommentsIsTurnedOnWithTheCheckbox()
    {
        await site.UseRulesAsync();
        using var admin = await site.SignInAsAdministratorAsync();
        using var newcomer = site.Browser();
        var form = await admin.GetFormAsync(Url, "main form.rules-form");

        using var saved = await form.Check("Input.HoldFirstComment").SubmitAsync();
        var id = await PostedIdAsync(newcomer, "Hello, first time here.");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("first-comment", Assert.Single((await site.RecordAsync(id)).Reasons).Rule);
    }

    [Fact]
    public async Task AWrongNumberIsShownBackWithItsMessageAndNothingIsSaved()
    {
        await site.UseRulesAsync();
        using var admin = await site.SignInAsAdministratorAsync();
        var form = await admin.GetFormAsync(Url, "main form.rules-form");

        using var response = await form.Set("Input.BannedWords", "kept\nlist").Set("Input.SpamScoreHoldThreshold", "1.5").Set("Input.MaxLinks", "two")
            .SubmitAsync();

        var page = await admin.ReadPageAsync(response);
        Assert.Equal("Spam score that holds must be a number from 0 to 1, such as 0.7.",
            page.QuerySelector("[data-valmsg-for='Input.SpamScoreHoldThreshold']")!.TextContent);
        Assert.Equal("Most links must be a whole number from 0 to 1,000.", page.QuerySelector("[data-valmsg-for='Input.MaxLinks']")!.TextContent);
        Assert.Equal("kept\nlist", page.QuerySelector<IHtmlTextAreaElement>("#Input_BannedWords")!.Value);
        Assert.Equal(["Moderation:BannedWords"], await SavedRulesAsync());
        Assert.Equal(BannedWords,
            await site.WithDbAsync(db => db.SiteSettings.Where(s => s.Key == "Moderation:BannedWords").Select(s => s.Value).SingleAsync()));
    }

    [Fact]
    public async Task ASampleIsTriedAgainstTheRulesAsTypedWithoutSavingThem()
    {
        await site.UseRulesAsync();
        using var admin = await site.SignInAsAdministratorAsync();
        var form = await admin.GetFormAsync(Url, "main form.rules-form");
        form.Set("Input.BannedWords", "muppet*\nkumquat").Set("Input.Sample", "A classic k.u.m.q.u.a.t from Scunthorpe, you idiot. Casino!");

        using var response = await admin.Http.PostAsync($"{Url}?handler=Try", new FormUrlEncodedContent(form.Values), TestContext.Current.CancellationToken);

        var page = await admin.ReadPageAsync(response);
        var result = page.QuerySelector(".rules-trial-result")!;
        Assert.Contains("Banned: “k.u.m.q.u.a.t” (kumquat)", result.TextContent);
        Assert.Contains("Suspect: “idiot” (idiot*)", result.TextContent);
        Assert.Contains("Common in spam: “Casino” (casino*)", result.TextContent);
        Assert.Equal(["k.u.m.q.u.a.t", "idiot", "Casino"], result.QuerySelectorAll(".rules-trial-text mark").Select(m => m.TextContent));
        Assert.Equal("A classic k.u.m.q.u.a.t from Scunthorpe, you idiot. Casino!", result.QuerySelector(".rules-trial-text")!.TextContent);
        Assert.Equal(BannedWords,
            await site.WithDbAsync(db => db.SiteSettings.Where(s => s.Key == "Moderation:BannedWords").Select(s => s.Value).SingleAsync()));
    }

    [Fact]
    public async Task EverySaveIsWrittenToTheModerationLog()
    {
        await site.UseRulesAsync();
        using var admin = await site.SignInAsAdministratorAsync();
        var form = await admin.GetFormAsync(Url, "main form.rules-form");

        using var saved = await form.Set("Input.DuplicateWindowMinutes", "30").SubmitAsync();

        var entry = await site.WithDbAsync(db => db.ModerationLog.OrderByDescending(e => e.Id).FirstAsync());
        Assert.Equal("settings", entry.Action);
        Assert.Equal("admin", entry.ActorName);
        Assert.Equal("60", JsonDocument.Parse(entry.Before!).RootElement.GetProperty("Moderation:DuplicateWindowMinutes").GetString());
        Assert.Equal("30", JsonDocument.Parse(entry.After!).RootElement.GetProperty("Moderation:DuplicateWindowMinutes").GetString());
    }

    private Task<List<string>> SavedRulesAsync() =>
        site.WithDbAsync(db => db.SiteSettings.Where(s => s.Key.StartsWith("Moderation:")).Select(s => s.Key).ToListAsync());

    [Fact]
    public async Task AModeratorCannotChangeTheRules()
    {
        using var moderator = await site.SignInAsStaffAsync("rules-moderator@example.com", Gazette.Accounts.Roles.Moderator);

        using var response = await moderator.Http.GetAsync(Url, TestContext.Current.CancellationToken);

        await moderator.FollowAsync(response, expectedStatus: 403);
    }
}
