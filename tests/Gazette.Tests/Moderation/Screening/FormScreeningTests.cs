using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Gazette.Comments;
using Gazette.Moderation.Screening;
using Gazette.Tests.Infrastructure;
using static Gazette.Tests.Moderation.Screening.ScreeningSite;

namespace Gazette.Tests.Moderation.Screening;

/// <summary>The rules applied to comments posted through the HTML form, each both ways, as readers and moderators meet them.</summary>
public sealed class FormScreeningTests(ScreeningSite site) : IClassFixture<ScreeningSite>
{
    [Fact]
    public async Task AnOrdinaryCommentIsPublishedAndCounted()
    {
        using var author = site.Browser();
        var before = await site.StoredCountAsync();

        var id = await PostedIdAsync(author, "A classic assassin plot, set in Scunthorpe, told by a therapist.");

        var comment = await site.CommentAsync(id);
        Assert.Equal(CommentStatus.Approved, comment.Status);
        Assert.Null(comment.ModerationReasons);
        Assert.Equal(before + 1, await site.StoredCountAsync());
        var page = await site.GetPageAsync(ScreeningSite.Open);
        Assert.NotNull(page.GetElementById($"comment-{id}"));
    }

    [Fact]
    public async Task ABannedWordIsRefusedByNameAndTheTextStaysInTheForm()
    {
        using var author = site.Browser();
        const string body = "Only a complete MUPPET would write this.\nSecond line kept.";
        var before = await site.StoredCountAsync();

        using var response = await PostAsync(author, body, name: "Kept name");

        var page = await author.ReadPageAsync(response, expectedStatus: 400);
        Assert.Equal("Your comment contains the word “MUPPET”, which this site does not allow. Change it and post again.",
            page.QuerySelector("[data-valmsg-for=Body]")!.TextContent);
        Assert.Equal(body, TextareaValue(page));
        Assert.Equal("Kept name", page.QuerySelector<IHtmlInputElement>("#AuthorName")!.Value);
        Assert.Equal(before, await site.StoredCountAsync());
        Assert.False(await site.WithDbAsync(db => Task.FromResult(db.Comments.Any(c => c.Body == body))));
    }

    [Fact]
    public async Task DisguisedBannedWordsAreRefusedToo()
    {
        using var author = site.Browser();

        using var leet = await PostAsync(author, "you m.u.p.p.e.t");
        using var spaced = await PostAsync(author, "what a c u n t");
        using var accented = await PostAsync(author, "the rápîst was caught");

        Assert.Contains("“m.u.p.p.e.t”", (await author.ReadPageAsync(leet, 400)).QuerySelector("[data-valmsg-for=Body]")!.TextContent);
        Assert.Contains("“c u n t”", (await author.ReadPageAsync(spaced, 400)).QuerySelector("[data-valmsg-for=Body]")!.TextContent);
        Assert.Contains("“rápîst”", (await author.ReadPageAsync(accented, 400)).QuerySelector("[data-valmsg-for=Body]")!.TextContent);
    }

    [Fact]
    public async Task ABannedWordInTheNameIsRefusedNextToTheName()
    {
        using var author = site.Browser();

        using var response = await PostAsync(author, "Perfectly polite.", name: "MuppetMaster");
        using var fine = await PostAsync(author, "Perfectly polite.", name: "Puppeteer from Scunthorpe");

        var page = await author.ReadPageAsync(response, expectedStatus: 400);
        // "muppet*" catches the start of a word only: "MuppetMaster" is one word starting with it.
        Assert.Contains("“MuppetMaster”", page.QuerySelector("[data-valmsg-for=AuthorName]")!.TextContent);
        Assert.Equal("Perfectly polite.", TextareaValue(page));
        Assert.Equal(HttpStatusCode.Redirect, fine.StatusCode);
    }

    [Fact]
    public async Task ASuspectWordHoldsTheCommentWhichOnlyItsAuthorSeesWithTheReasons()
    {
        using var author = site.Browser();
        using var other = await site.ParticipantAsync();
        var before = await site.StoredCountAsync();

        using var response = await PostAsync(author, "The software is total crap, frankly.");
        var permalink = response.Headers.Location!.OriginalString;
        using var redirect = await author.Http.GetAsync(permalink, TestContext.Current.CancellationToken);
        var authorsPage = await author.FollowAsync(redirect);

        var id = int.Parse(permalink.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.StartsWith("/articles/open-story", redirect.Headers.Location!.OriginalString);
        Assert.EndsWith($"#comment-{id}", redirect.Headers.Location!.OriginalString);
        var shown = authorsPage.GetElementById($"comment-{id}")!;
        Assert.Contains("comment-pending", shown.ClassList);
        var held = shown.QuerySelector(".comment-held")!;
        Assert.StartsWith("Awaiting moderation.", held.TextContent.Trim());
        Assert.Contains("“crap”", held.QuerySelector(".held-reasons")!.TextContent);
        Assert.Equal($"/comments/{id}/status", held.QuerySelector("a.held-status")!.GetAttribute("href"));
        Assert.Equal("Why, and how to appeal", held.QuerySelector("a.held-status")!.TextContent);
        Assert.NotNull(shown.QuerySelector("a.edit"));
        // Nor is it in what the page tells search engines, even on the author's own page.
        Assert.DoesNotContain($"/comments/{id}\"", authorsPage.QuerySelector("script[type='application/ld+json']")!.TextContent);

        Assert.Null((await other.GetPageAsync(ScreeningSite.Open)).GetElementById($"comment-{id}"));
        Assert.Null((await site.GetPageAsync(ScreeningSite.Open)).GetElementById($"comment-{id}"));
        using var stranger = site.Browser();
        using var strangerPermalink = await stranger.Http.GetAsync(permalink, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, strangerPermalink.StatusCode);

        var comment = await site.CommentAsync(id);
        Assert.Equal(CommentStatus.Pending, comment.Status);
        var reason = Assert.Single((await site.RecordAsync(id)).Reasons);
        Assert.Equal("suspect-words", reason.Rule);
        Assert.Equal(["crap"], reason.Matches);
        Assert.Equal(before, await site.StoredCountAsync());
        Assert.Equal(before, ShownCount(authorsPage));
    }

    [Fact]
    public async Task TheAnonymousCachedPageNeverShowsAHeldComment()
    {
        using var author = site.Browser();
        await site.GetPageAsync(ScreeningSite.Open); // cached for everyone without a cookie

        var id = await PostedIdAsync(author, "Shut up and take my money.");
        var authorsView = await author.GetPageAsync(ScreeningSite.Open);
        var anonymous = await site.GetPageAsync(ScreeningSite.Open);
        var anonymousAgain = await site.GetPageAsync(ScreeningSite.Open);

        Assert.NotNull(authorsView.GetElementById($"comment-{id}"));
        Assert.Null(anonymous.GetElementById($"comment-{id}"));
        Assert.Null(anonymousAgain.GetElementById($"comment-{id}"));
        Assert.Empty(anonymous.QuerySelectorAll(".comment-pending, .comment-held"));
    }

    [Fact]
    public async Task MoreLinksThanTheLimitHoldTheCommentAndNoMoreDoNot()
    {
        using var author = site.Browser();

        var two = await PostedIdAsync(author, "Sources: https://example.org/one and https://example.org/two, both worth reading.");
        var three = await PostedIdAsync(author, "Sources: https://example.org/a, www.example.org/b and http://example.org/c for the details.");

        Assert.Equal(CommentStatus.Approved, (await site.CommentAsync(two)).Status);
        Assert.Equal(CommentStatus.Pending, (await site.CommentAsync(three)).Status);
        var reason = (await site.RecordAsync(three)).Reasons.Single(r => r.Rule == "links");
        Assert.Equal("It has 3 links; comments with more than 2 wait for a moderator.", reason.Explanation);
        Assert.Equal(["https://example.org/a", "www.example.org/b", "http://example.org/c"], reason.Matches);
    }

    [Fact]
    public async Task TheSameCommentAgainIsRefusedAndTheTextKept()
    {
        using var author = site.Browser();
        using var someoneElse = site.Browser();
        const string body = "I said it once and I will say it once.";
        await PostedIdAsync(author, body);

        using var again = await PostAsync(author, "  I said it once   and I will say it once. ");
        using var otherWriter = await PostAsync(someoneElse, body);
        using var different = await PostAsync(author, "I said it once and I will say it TWICE.");

        var page = await author.ReadPageAsync(again, expectedStatus: 409);
        Assert.Equal("You already posted this comment.", page.QuerySelector("[data-valmsg-for=Body]")!.TextContent);
        Assert.Equal("  I said it once   and I will say it once. ", TextareaValue(page));
        Assert.Equal(HttpStatusCode.Redirect, otherWriter.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, different.StatusCode);
    }

    [Fact]
    public async Task TheSameEmailIsTheSameWriterForDuplicates()
    {
        using var first = site.Browser();
        using var second = site.Browser();
        await PostedIdAsync(first, "Posted from my phone.", email: "dup@example.org");

        using var response = await PostAsync(second, "Posted from my phone.", email: "DUP@example.org");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task AFilledTrapFieldIsKeptAsSpamWhileThePosterSeesTheUsualSuccess()
    {
        using var bot = site.Browser();
        using var other = await site.ParticipantAsync();
        var before = await site.StoredCountAsync();

        var id = await PostedIdAsync(bot, "Great article, visit my site.", alter: form => form.Set(FormTiming.TrapField, "https://spam.example"));
        using var permalink = await bot.Http.GetAsync($"/comments/{id}", TestContext.Current.CancellationToken);
        var botsView = await bot.FollowAsync(permalink);

        var shown = botsView.GetElementById($"comment-{id}")!;
        Assert.Null(shown.QuerySelector(".comment-held"));
        Assert.DoesNotContain("comment-pending", shown.ClassList);
        Assert.Null((await other.GetPageAsync(ScreeningSite.Open)).GetElementById($"comment-{id}"));
        Assert.Null((await site.GetPageAsync(ScreeningSite.Open)).GetElementById($"comment-{id}"));
        Assert.Equal(CommentStatus.Spam, (await site.CommentAsync(id)).Status);
        Assert.Equal("honeypot", Assert.Single((await site.RecordAsync(id)).Reasons).Rule);
        Assert.Equal(before, await site.StoredCountAsync());
    }

    [Fact]
    public async Task TheTrapFieldIsOffScreenAndLabelled()
    {
        using var reader = site.Browser();
        var form = await reader.GetFormAsync(WriteUrl, "form.comment-form");

        var trap = form.Element.QuerySelector<IHtmlInputElement>($"input[name={FormTiming.TrapField}]")!;
        Assert.Equal("", trap.Value);
        Assert.Equal("-1", trap.GetAttribute("tabindex"));
        Assert.Contains("form-trap", trap.ParentElement!.ClassList);
        Assert.Equal("Leave this field empty", form.Element.QuerySelector($"label[for={FormTiming.TrapField}]")!.TextContent);
        Assert.False(string.IsNullOrEmpty(form[FormTiming.ShownField]));
    }

    [Fact]
    public async Task TheScriptIsToldAHeldCommentWaitsAndThePageItFetchesShowsItSo()
    {
        using var author = site.Browser();
        var form = await author.GetFormAsync(WriteUrl, "form.comment-form");
        using var request = new HttpRequestMessage(HttpMethod.Post, form.Action)
        {
            Content = new FormUrlEncodedContent(form.Set("Body", "What a crappy phone.").Values),
        };
        request.Headers.Add(CommentForms.ScriptHeader, "1");

        using var response = await author.Http.SendAsync(request, TestContext.Current.CancellationToken);
        var answer = await ApiClient.JsonAsync(response);
        using var shown = await author.Http.GetAsync(answer.GetProperty("url").GetString(), TestContext.Current.CancellationToken);
        var page = await author.FollowAsync(shown);

        Assert.True(answer.GetProperty("awaitingModeration").GetBoolean());
        var id = answer.GetProperty("id").GetInt32();
        Assert.NotNull(page.QuerySelector($"#comment-{id}.comment-pending .comment-held"));
    }

    [Fact]
    public async Task TheScriptIsToldAnOrdinaryCommentDoesNotWait()
    {
        using var author = site.Browser();
        var form = await author.GetFormAsync(WriteUrl, "form.comment-form");
        using var request = new HttpRequestMessage(HttpMethod.Post, form.Action)
        {
            Content = new FormUrlEncodedContent(form.Set("Body", "A nice phone.").Values),
        };
        request.Headers.Add(CommentForms.ScriptHeader, "1");

        using var response = await author.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.False((await ApiClient.JsonAsync(response)).GetProperty("awaitingModeration").GetBoolean());
    }

    [Fact]
    public async Task AHeldCommentCannotBeRepliedToUntilItIsPublished()
    {
        using var author = site.Browser();
        var id = await PostedIdAsync(author, "Crap, I forgot the question.");

        var page = await author.GetPageAsync($"{WriteUrl}?replyTo={id}", expectedStatus: 422);

        Assert.Contains("waiting for a moderator", page.QuerySelector(".form-errors")!.TextContent);
    }

    [Fact]
    public async Task HeldCommentsRaiseNoCount()
    {
        using var author = site.Browser();
        var before = await site.StoredCountAsync();

        await PostedIdAsync(author, "Idiots, all of them.");
        await PostedIdAsync(author, "Stupid, stupid decision.");

        Assert.Equal(before, await site.StoredCountAsync());
        Assert.Equal(before, ShownCount(await site.GetPageAsync(ScreeningSite.Open)));
        Assert.Equal(before, (await ApiClient.JsonAsync(await author.Http.GetAsync($"/api/v1/articles/{Slug}/comments",
            TestContext.Current.CancellationToken))).GetProperty("commentCount").GetInt32());
    }

    [Fact]
    public async Task TheAuthorCanDeleteTheirHeldComment()
    {
        using var author = site.Browser();
        var id = await PostedIdAsync(author, "On second thought, crap, never mind.");
        var form = await author.GetFormAsync($"/comments/{id}/delete");

        using var response = await form.SubmitAsync();

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(CommentStatus.Deleted, (await site.CommentAsync(id)).Status);
        Assert.Null((await author.GetPageAsync(ScreeningSite.Open)).GetElementById($"comment-{id}"));
    }
}
