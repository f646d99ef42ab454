using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Identity;

/// <summary>Issue 15: nobody may speak under the name of a member, a staff member or a byline, however they spell it.</summary>
public sealed class ReservedNameTests(IdentitySite site) : IClassFixture<IdentitySite>
{
    private const string WriteUrl = IdentitySite.Open + "/comment";

    [Fact]
    public async Task GuestCannotCommentUnderAMembersNameWrittenInLookAlikeLettersAndKeepsTheirText_Issue15()
    {
        using var browser = site.Browser();
        var form = await browser.GetFormAsync(WriteUrl, "form.comment-form");
        // Cyrillic М, і, а and е: it reads "Mia Member".
        const string lookAlike = "\u041C\u0456\u0430 \u041C\u0435mber";

        using var response = await form.Set("AuthorName", lookAlike).Set("Body", "Words I would not lose").SubmitAsync();

        var page = await browser.ReadPageAsync(response, expectedStatus: 400);
        Assert.Contains("is the name of someone on this site", page.QuerySelector("[data-valmsg-for=AuthorName]")!.TextContent);
        Assert.Equal("Words I would not lose", page.QuerySelector<IHtmlTextAreaElement>("#Body")!.Value);
        Assert.Equal(lookAlike, page.QuerySelector<IHtmlInputElement>("#AuthorName")!.Value);
        Assert.False(await site.WithDbAsync(db => db.Comments.AnyAsync(c => c.Body == "Words I would not lose", TestContext.Current.CancellationToken)));
    }

    [Theory]
    [InlineData("EDDIE EDITÖR")]
    [InlineData("  mo   moderator ")]
    [InlineData("Ana Wr\u200Biter")]
    [InlineData("C\u00E1rl C0lumnist")]
    public async Task ScriptCannotPostUnderAStaffMembersOrABylinesName_Issue15(string name)
    {
        using var script = site.Script();

        using var response = await script.PostAsync("/api/v1/articles/open-story/comments", new { body = "Pretending", authorName = name });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await ApiClient.JsonAsync(response);
        Assert.Contains("is the name of someone on this site", problem.GetProperty("errors").GetProperty("authorName")[0].GetString());
    }

    [Fact]
    public async Task GuestMayUseANameNobodyHas()
    {
        using var script = site.Script();

        var id = await script.CommentAsync("open-story", "A name of my own", name: "Mia Membership");

        Assert.True(id > 0);
    }

    [Fact]
    public async Task NewMemberCannotSignUpUnderABylinesName_Issue15()
    {
        using var browser = site.Browser();
        var form = await browser.GetFormAsync("/account/sign-up");

        using var response = await form.Set("Input.DisplayName", "ANA WRITER").Set("Input.Email", "impostor@example.org")
            .Set("Input.Password", StaffAccounts.Password).Set("Input.ConfirmPassword", StaffAccounts.Password).SubmitAsync();

        var page = await browser.ReadPageAsync(response);
        Assert.Contains("is the name of someone on this site", page.QuerySelector(".form-errors")!.TextContent);
        Assert.Equal("ANA WRITER", page.QuerySelector<IHtmlInputElement>("#Input_DisplayName")!.Value);
        Assert.False(await site.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == "impostor@example.org", TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task MemberMayRespellTheirOwnNameButNotTakeAnothers()
    {
        using var nora = await Infrastructure.Members.VerifiedAsync(site, "nora@example.org", "Nora Newcomer");

        var own = await nora.GetFormAsync("/account", "form.profile-name");
        using var respelled = await own.Set("Name.DisplayName", "NORA NEWCOMER").SubmitAsync();
        var other = await nora.GetFormAsync("/account", "form.profile-name");
        using var taken = await other.Set("Name.DisplayName", "Mo Moderatοr").SubmitAsync();

        Assert.Equal(HttpStatusCode.Redirect, respelled.StatusCode);
        var page = await nora.ReadPageAsync(taken);
        Assert.Contains("is the name of someone on this site", page.QuerySelector(".form-errors")!.TextContent);
        Assert.Equal("NORA NEWCOMER", await site.WithDbAsync(db => db.Users.Where(u => u.Email == "nora@example.org")
            .Select(u => u.DisplayName).SingleAsync(TestContext.Current.CancellationToken)));
    }
}
