using System.Net;
using Gazette.Comments;
using Gazette.Moderation;
using Microsoft.EntityFrameworkCore;
using static Gazette.Tests.Moderation.Screening.ScreeningSite;

namespace Gazette.Tests.Moderation.Screening;

/// <summary>An edit is screened for what it adds: a banned word is refused, suspect words and links over the limit hold the comment.</summary>
public sealed class EditScreeningTests(ScreeningSite site) : IClassFixture<ScreeningSite>
{
    private static async Task<HttpResponseMessage> EditAsync(Infrastructure.FormClient author, int id, string body)
    {
        var form = await author.GetFormAsync($"/comments/{id}/edit", "form.comment-form");
        return await form.Set("Body", body).SubmitAsync();
    }

    [Fact]
    public async Task AnEditAddingABannedWordIsRefusedAndTheNewTextStaysInTheForm()
    {
        using var author = site.Browser();
        var id = await PostedIdAsync(author, "A fair point, well made.");

        using var response = await EditAsync(author, id, "A fair point, you muppet.");

        var page = await author.ReadPageAsync(response, expectedStatus: 400);
        Assert.Equal("Your change adds the word “muppet”, which this site does not allow. Change it and save again.",
            page.QuerySelector("[data-valmsg-for=Body]")!.TextContent);
        Assert.Equal("A fair point, you muppet.", TextareaValue(page));
        Assert.Equal("A fair point, well made.", (await site.CommentAsync(id)).Body);
    }

    [Fact]
    public async Task AnEditAddingASuspectWordHoldsThePublishedCommentAndTakesItFromTheCount()
    {
        using var author = site.Browser();
        var id = await PostedIdAsync(author, "Nice review.");
        var before = await site.StoredCountAsync();

        using var response = await EditAsync(author, id, "Nice review, shame about the crappy camera.");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var comment = await site.CommentAsync(id);
        Assert.Equal(CommentStatus.Pending, comment.Status);
        Assert.Equal("suspect-words", Assert.Single((await site.RecordAsync(id)).Reasons).Rule);
        Assert.Equal(before - 1, await site.StoredCountAsync());
        Assert.Null((await site.GetPageAsync(ScreeningSite.Open)).GetElementById($"comment-{id}"));
        Assert.NotNull((await author.GetPageAsync(ScreeningSite.Open)).QuerySelector($"#comment-{id} .comment-held"));
    }

    [Fact]
    public async Task AnEditAddingLinksOverTheLimitHoldsAndOneWithinItDoesNot()
    {
        using var author = site.Browser();
        var within = await PostedIdAsync(author, "Sources below.");
        var over = await PostedIdAsync(author, "More sources below.");

        using var fine = await EditAsync(author, within, "Sources: https://example.org/1 and https://example.org/2 below.");
        using var held = await EditAsync(author, over, "Sources: https://example.org/1, https://example.org/2 and https://example.org/3.");

        Assert.Equal(CommentStatus.Approved, (await site.CommentAsync(within)).Status);
        Assert.Equal(CommentStatus.Pending, (await site.CommentAsync(over)).Status);
    }

    [Fact]
    public async Task AnEditKeepingAWordAModeratorAlreadyAcceptedDoesNotHoldAgain()
    {
        using var author = site.Browser();
        var id = await PostedIdAsync(author, "This is crap, respectfully.");
        var before = await site.StoredCountAsync();
        await site.WithDbAsync(db => db.Comments.Where(c => c.Id == id).ExecuteUpdateAsync(set => set
            .SetProperty(c => c.Status, CommentStatus.Approved).SetProperty(c => c.ModeratedBy, "Mo Derator")));
        await site.WithDbAsync(db => db.Articles.Where(a => a.Slug == Slug)
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.CommentCount, a => a.CommentCount + 1)));

        using var response = await EditAsync(author, id, "This is crap, most respectfully.");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(CommentStatus.Approved, (await site.CommentAsync(id)).Status);
        Assert.Equal(before + 1, await site.StoredCountAsync());
    }

    [Fact]
    public async Task AHeldCommentEditedCleanStillWaitsForTheModerator()
    {
        using var author = site.Browser();
        var id = await PostedIdAsync(author, "Stupid phone.");

        using var response = await EditAsync(author, id, "Disappointing phone.");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var comment = await site.CommentAsync(id);
        Assert.Equal("Disappointing phone.", comment.Body);
        Assert.Equal(CommentStatus.Pending, comment.Status);
    }

    [Fact]
    public async Task AHeldCommentEditedWithMoreToHoldKeepsEveryReason()
    {
        using var author = site.Browser();
        var id = await PostedIdAsync(author, "Stupid phone.");

        using var response = await EditAsync(author, id, "Stupid phone, crap battery.");

        var record = await site.RecordAsync(id);
        Assert.Equal(["suspect-words", "suspect-words"], record.Reasons.Select(r => r.Rule));
        Assert.Equal(["crap"], record.Reasons[1].Matches);
        Assert.Equal(CommentStatus.Pending, (await site.CommentAsync(id)).Status);
    }
}
